import { HttpStatus, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { rateLimitConfig } from '../auth/rate-limit/rate-limit.config.js';
import { withHeaders } from '../common/problem/problem-headers.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';
import { isLive, parseEntry, type OwnedEntry } from './owned-entry.js';

/** Entries kept per service and project in memory (without REDIS_URL): the oldest go first beyond it. */
const MEMORY_LIMIT = 10_000;
const KEY_PREFIX = 'agora-token-service:owned';
const SEQUENCE_PREFIX = 'agora-token-service:sequence';
/** A resource's last update number is kept this long after its last update (Agora's resources run for days at most). */
const SEQUENCE_KEEP_SECONDS = 90 * 24 * 3600;
/** max(last + 1, floor), stored and answered atomically. */
const NEXT_SEQUENCE = `local next = math.max((tonumber(redis.call('GET', KEYS[1])) or 0) + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], next, 'EX', ARGV[2])
return next`;

/**
 * Who started which resource at Agora, per service and project, so that a list shows each caller its own. With
 * REDIS_URL (the rate limits' Redis) it is a Redis hash per service and project, shared by every replica and kept
 * across restarts; without it, this process's memory, so a list shows what this process started since it began.
 * Nothing else needs it: a resource's sealed id alone lets its owner query, change and end it anywhere.
 *
 * Redis failing never fails a start or an end (the entry is then missing or stale, and a warning says so); a list
 * it cannot read answers 503.
 */
@Injectable()
export class OwnershipIndex implements OnApplicationShutdown {
  private readonly logger = new Logger('OwnershipIndex');
  private client?: Redis;
  private readonly memory = new Map<string, Map<string, OwnedEntry>>();

  constructor(@Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>) {}

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }

  /**
   * The Redis client, made on first use: a service that never starts a transcription, converter, player or stream key
   * holds no second connection to Redis (the rate limits have their own).
   */
  private get redis(): Redis | undefined {
    if (!this.config.redisUrl) return undefined;
    if (!this.client) {
      this.client = new Redis(this.config.redisUrl, {
        // Commands sent while (re)connecting wait for the connection, but never longer than the command timeout.
        maxRetriesPerRequest: 0,
        commandTimeout: 1_000,
        connectTimeout: 2_000,
        disconnectTimeout: 200,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      });
      // Errors are reported where a command fails; ioredis emits one per failed reconnect.
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  /** Keeps `entry` under `namespace` (`<service>/<project>`). */
  async add(namespace: string, entry: OwnedEntry): Promise<void> {
    if (!this.redis) return this.addInMemory(namespace, entry);
    try {
      // No expiry on the hash: an entry leaves when its resource has ended (see isLive), whatever its age.
      await this.redis.hset(key(namespace), entry.agoraId, JSON.stringify(entry));
    } catch (error) {
      this.logger.warn(`Could not record a ${namespace} resource in Redis (${(error as Error).name}): lists will not show it; its id still works.`);
    }
  }

  /** Forgets Agora's resource `agoraId` (ended, or no longer listed by Agora). */
  async remove(namespace: string, agoraId: string): Promise<void> {
    if (!this.redis) {
      this.memory.get(namespace)?.delete(agoraId);
      return;
    }
    await this.redis.hdel(key(namespace), agoraId).catch((error: Error) => {
      this.logger.warn(`Could not forget an ended ${namespace} resource in Redis (${error.name}): lists will drop it once Agora no longer lists it.`);
    });
  }

  /** Every live entry under `namespace`; a 503 problem when Redis cannot answer. */
  async entries(namespace: string): Promise<OwnedEntry[]> {
    const now = Math.floor(Date.now() / 1000);
    if (!this.redis) {
      const entries = this.memory.get(namespace);
      // What has expired is deleted as it is found: nothing else would ever remove it.
      for (const entry of entries?.values() ?? []) if (!isLive(entry, now)) entries!.delete(entry.agoraId);
      return [...(entries?.values() ?? [])];
    }
    let values: Record<string, string>;
    try {
      values = await this.redis.hgetall(key(namespace));
    } catch (error) {
      this.logger.warn(`Could not read the ${namespace} ownership index from Redis (${(error as Error).name}).`);
      throw withHeaders(
        new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'The shared index of who started what (Redis) does not answer; try the list again shortly.', PROBLEM_TYPES.generic),
        { 'Retry-After': '5' },
      );
    }
    const live: OwnedEntry[] = [];
    const ended: string[] = [];
    for (const [agoraId, text] of Object.entries(values)) {
      const entry = parseEntry(text);
      if (entry && isLive(entry, now)) live.push(entry);
      else ended.push(agoraId);
    }
    // Expired (or unreadable) entries are deleted as they are found: nothing else would ever remove them.
    if (ended.length > 0) await this.redis.hdel(key(namespace), ...ended).catch(() => undefined);
    return live;
  }

  /**
   * The next update number of `resource` (see UpdateSequencer): with Redis, one above the last any replica used, and
   * at least `floor`, in one atomic step; undefined without Redis or while it does not answer (the caller then counts
   * alone).
   */
  async nextSequence(resource: string, floor: number): Promise<number | undefined> {
    if (!this.redis) return undefined;
    try {
      return Number(await this.redis.eval(NEXT_SEQUENCE, 1, `${SEQUENCE_PREFIX}:${resource}`, floor, SEQUENCE_KEEP_SECONDS));
    } catch (error) {
      this.logger.warn(`Could not take the next update number of a ${resource.split('/')[0]} resource from Redis (${(error as Error).name}): counting on this replica alone.`);
      return undefined;
    }
  }

  private addInMemory(namespace: string, entry: OwnedEntry): void {
    let entries = this.memory.get(namespace);
    if (!entries) this.memory.set(namespace, (entries = new Map()));
    entries.delete(entry.agoraId);
    entries.set(entry.agoraId, entry);
    // A Map iterates in insertion order: the first key is the oldest entry.
    if (entries.size > MEMORY_LIMIT) entries.delete(entries.keys().next().value!);
  }
}

function key(namespace: string): string {
  return `${KEY_PREFIX}:${namespace}`;
}
