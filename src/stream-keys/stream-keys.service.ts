import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { mediaRegionConfig, type MediaRegion, type MediaRegionConfig } from '../agora-services/media-region.config.js';
import { ServiceAccess, type RestProject } from '../agora-services/service-access.service.js';
import { ServiceConflict } from '../agora-services/service-problems.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordIssued } from '../common/logging/request-record.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { bindIdentity, rtcUserFields } from '../tokens/identity-binding.js';
import type { CreateStreamKeyDto } from './dto/create-stream-key.dto.js';
import type { CreatedStreamKeyDto, StreamKeyDto, StreamKeyListDto } from './dto/stream-key.dto.js';
import { agoraIdOf, streamKeyOf, type SealedStreamKey } from './sealed-stream-key.js';
import { describeKey, keyExists, unknownOutcome, type AskedKey } from './lost-key.js';
import { STREAM_KEYS, streamKeyGone } from './stream-key-access.js';
import { checkIdentityAccount, checkKeyLifetime, ingestOf } from './stream-key.rules.js';
import { StreamKeysApi } from './stream-keys.api.js';

/** A creation as routes hand it over (the /v1 DTO's fields). */
export type CreateStreamKeyInput = Pick<CreateStreamKeyDto, 'project' | 'appId' | 'channel' | 'uid' | 'account' | 'expiresAfterSeconds' | 'region'>;

/** Which keys a list shows: a project (as a creation names one), a channel, a region. */
export interface ListStreamKeysInput {
  readonly project?: string;
  readonly appId?: string;
  readonly channel?: string;
  readonly region?: MediaRegion;
}

/** An end user's stream publishes as themselves: `account` is their identity (or `uid`, when it is that number). */
const STREAM_USER = rtcUserFields<CreateStreamKeyInput>('uid', 'account');
/** How many of a list's keys are queried at Agora at once (Agora allows 100 queries a second per project). */
const LIST_CONCURRENCY = 4;

/**
 * Agora Media Gateway stream keys: creates them (after the caller's policy, as the publisher a key amounts to), and
 * queries, deletes and lists them by the sealed id, which carries the key encrypted, so the key itself is answered
 * once, at creation, and never again. Plain inputs, so other routes can reuse it.
 */
@Injectable()
export class StreamKeysService {
  private readonly logger = new Logger('StreamKeys');

  constructor(
    private readonly access: ServiceAccess,
    private readonly api: StreamKeysApi,
    private readonly authorizer: TokenAuthorizer,
    @Inject(mediaRegionConfig.KEY) private readonly regions: MediaRegionConfig,
    @Inject(tokenConfig.KEY) private readonly tokens: ConfigType<typeof tokenConfig>,
  ) {}

  /** Creates a key for `input.channel`, owned by `caller`; the answer is the only one that holds the key. */
  async create(input: CreateStreamKeyInput, caller: Caller, requestId?: string): Promise<CreatedStreamKeyDto> {
    const project = this.access.begin(STREAM_KEYS, input, caller);
    const request = { ...input };
    bindIdentity([STREAM_USER], request, caller);
    const user = request.uid ?? request.account;
    if (user === undefined) throw ValidationProblemException.field('uid', 'uid or account is required: the user the stream publishes as');
    if (caller.kind === 'jwt' && typeof user === 'string') checkIdentityAccount(user);
    const seconds = request.expiresAfterSeconds;
    checkKeyLifetime(caller, seconds, this.tokens.maxExpireSeconds);
    // Whoever holds the key publishes audio and video into the channel as `user`: judged as that publisher's token
    // would be (an API key's `roles` and `channels`, an end user's services and channels claims).
    this.authorizer.check(caller, STREAM_KEYS, seconds, [
      { service: 'rtc', channel: request.channel, user, privileges: { joinChannel: seconds, publishAudio: seconds, publishVideo: seconds } },
    ]);
    const region = request.region ?? this.regions.defaultRegion;
    const asked: AskedKey = { channel: request.channel, user, region, expiresAfter: seconds };
    const info = await this.api
      .create(project, region, { channel: request.channel, uid: String(user), expiresAfter: seconds }, requestId)
      .catch((error: unknown) => this.failed(error, project, asked));
    const sealed: SealedStreamKey = {
      channel: request.channel,
      key: info.streamKey,
      region,
      user,
      createdAt: info.createdAt ?? Math.floor(Date.now() / 1000),
      expiresAfter: seconds,
    };
    const id = await this.sealNew(project, caller, sealed, requestId);
    recordIssued(caller, { kind: 'stream-key', channel: request.channel, user: String(user) });
    return { ...streamKeyOf(id, project.name, sealed), streamKey: info.streamKey, ingest: ingestOf(region, info.streamKey) };
  }

  /** The key `id` names, if Agora still has it (404 otherwise); never the key itself. */
  async get(id: string, caller: Caller, requestId?: string): Promise<StreamKeyDto> {
    const { project, data } = this.access.open<SealedStreamKey>(STREAM_KEYS, id, caller);
    if (!(await this.stillThere(project, data, requestId))) throw streamKeyGone();
    return streamKeyOf(id, project.name, data);
  }

  /** Revokes the key `id` names (streams already running go on); 404 when Agora no longer had it. */
  async delete(id: string, caller: Caller, requestId?: string): Promise<StreamKeyDto> {
    const { project, data } = this.access.open<SealedStreamKey>(STREAM_KEYS, id, caller);
    const deleted = await this.api.delete(project, data.region, data.key, requestId);
    await this.access.forget(STREAM_KEYS, project, agoraIdOf(data.key));
    if (!deleted) throw streamKeyGone();
    return streamKeyOf(id, project.name, data);
  }

  /**
   * The caller's keys (those it created; with `resources: any`, every key its projects and channels allow) in one
   * project and region, and a channel if named, that Agora still has. Agora has no list of keys: each is queried.
   */
  async list(input: ListStreamKeysInput, caller: Caller, requestId?: string): Promise<StreamKeyListDto> {
    const project = this.access.begin(STREAM_KEYS, input, caller);
    const region = input.region ?? this.regions.defaultRegion;
    const entries = await this.access.list(STREAM_KEYS, project, caller, input.channel);
    const found: { id: string; data: SealedStreamKey }[] = [];
    for (const entry of entries) {
      const data = this.openEntry(entry.id, caller);
      if (data?.region === region) found.push({ id: entry.id, data });
    }
    const present: boolean[] = [];
    for (let start = 0; start < found.length; start += LIST_CONCURRENCY) {
      const batch = found.slice(start, start + LIST_CONCURRENCY);
      present.push(...(await Promise.all(batch.map(({ data }) => this.stillThere(project, data, requestId)))));
    }
    const streamKeys = found.filter((_, index) => present[index]).map(({ id, data }) => streamKeyOf(id, project.name, data));
    // Agora counts in whole seconds: keys of one second are in id order, so every replica answers one order.
    return { streamKeys: streamKeys.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) };
  }

  /**
   * A creation Agora refused, or whose outcome is unknown. Agora has no list of keys and makes the key itself, so a
   * key it may have made cannot be looked up: the problem (and one warning, without any key) says which key it would
   * be and how to tell and end it.
   */
  private failed(error: unknown, project: RestProject, asked: AskedKey): never {
    if (error instanceof AgoraUpstreamError && error.mayHaveCreated) {
      this.logger.warn(`stream-keys.create in project ${project.name}: outcome unknown (${error.failure}); Agora may have made ${describeKey(asked)}, which reached nobody`);
      throw unknownOutcome(error, asked);
    }
    return conflicts(error, asked);
  }

  /** An index entry's key, or undefined when its id no longer opens for the caller (another configuration). */
  private openEntry(id: string, caller: Caller): SealedStreamKey | undefined {
    try {
      return this.access.open<SealedStreamKey>(STREAM_KEYS, id, caller).data;
    } catch {
      return undefined;
    }
  }

  /** Whether Agora still has the key; one it no longer has (deleted elsewhere, expired) leaves the index. */
  private async stillThere(project: RestProject, data: SealedStreamKey, requestId?: string): Promise<boolean> {
    const expired = data.expiresAfter > 0 && (data.createdAt + data.expiresAfter) * 1000 <= Date.now();
    const there = !expired && (await this.api.query(project, data.region, data.key, requestId)) !== undefined;
    if (!there) await this.access.forget(STREAM_KEYS, project, agoraIdOf(data.key));
    return there;
  }

  /**
   * The id of a key just created, remembered in the caller's index. A key too long for an id (ServiceAccess answers 502)
   * would be a key nobody could revoke through this service: it is deleted again before the problem is answered.
   */
  private async sealNew(project: RestProject, caller: Caller, sealed: SealedStreamKey, requestId?: string): Promise<string> {
    let id: string;
    try {
      id = this.access.seal(STREAM_KEYS, project, caller, sealed);
    } catch (error) {
      await this.api.delete(project, sealed.region, sealed.key, requestId).catch(() => false);
      this.logger.warn(`stream-keys.create in project ${project.name}: the key could not be sealed in an id; it was deleted again`);
      throw error;
    }
    const expiresAt = sealed.expiresAfter === 0 ? undefined : sealed.createdAt + sealed.expiresAfter;
    await this.access.remember(STREAM_KEYS, project, caller, { agoraId: agoraIdOf(sealed.key), id, channel: sealed.channel, expiresAt });
    return id;
  }
}

/** Agora's answers to a creation that mean "a key exists" (400 "Streaming key exists in region:…") or "too many at once" (409, after retries). */
function conflicts(error: unknown, asked: AskedKey): never {
  if (error instanceof AgoraUpstreamError && error.failure === 'answer') {
    const { upstream } = error;
    if (upstream?.status === 400 && /exists/i.test(upstream.message ?? '')) throw keyExists(upstream, asked);
    if (upstream?.status === 409) throw new ServiceConflict('Agora refused the key for concurrent requests; try again shortly.', { upstream });
  }
  throw error;
}
