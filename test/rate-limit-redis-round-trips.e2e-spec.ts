import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { eventually } from './support/eventually.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { captureLogs } from './support/test-app.js';

const LIMIT = 30;

/** A figure of `INFO <section>` (redis-server's own count, whoever the client). */
async function info(client: Redis, section: string, field: string): Promise<number> {
  const match = new RegExp(`^${field}:(?:calls=)?(\\d+)`, 'm').exec(await client.info(section));
  return Number(match?.[1] ?? 0);
}

/**
 * Round trips of the shared rate limits: concurrent requests' scripts travel together (ioredis
 * auto-pipelining), each still its own atomic script, so the limit stays exact across instances.
 */
describe('Rate limits in Redis: round trips (e2e, real redis-server)', () => {
  const key = { id: 'backend', key: newApiKey() };
  const logs = captureLogs();
  let setUp: RedisReplicas;
  let client: Redis;
  let replicas: NestFastifyApplication[];

  beforeAll(async () => {
    setUp = await startRedisReplicas(
      { AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([key]), RATE_LIMIT_PER_MINUTE: String(LIMIT) },
      // Nest's own messages (the rate limiter's fail-open warning) into `logs`.
      { requestLogs: true, logger: undefined, logStream: logs.stream },
    );
    ({ client, replicas } = setUp);
  });
  afterAll(() => setUp.close());

  const rtc = (app: NestFastifyApplication) =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' }, headers: { 'x-api-key': key.key } });
  const burst = (counts: number[]) => Promise.all(counts.flatMap((n, i) => Array.from({ length: n }, () => rtc(replicas[i]))));
  const said = (start: string) => logs.lines.filter((line) => String(line.msg).startsWith(start)).length;
  /** Every instance that logged its fail-open has logged that Redis answers again. */
  const allShared = () => said('Redis is unreachable') === said('Redis answers again');

  /**
   * A burst counted in Redis from start to end. On a starved machine a script can outlast its 250 ms timeout;
   * the documented fail-open then counts in memory, so that burst is sent again once Redis counts again.
   */
  async function burstInRedis(counts: number[]) {
    for (;;) {
      await client.flushall();
      const failOpens = said('Redis is unreachable');
      const responses = await burst(counts);
      if (said('Redis is unreachable') === failOpens) return responses;
      // Back-off over (5 s), the next request of each instance finds Redis answering.
      await eventually(async () => (await Promise.all(replicas.map(rtc)), allShared()), 200);
    }
  }

  it('sends the scripts of concurrent requests in a few reads, one script per request', async () => {
    // One request each first: ioredis loads the script on an instance's first call.
    await burst([1, 1]);
    await client.flushall();
    const reads = await info(client, 'stats', 'total_reads_processed');
    const scripts = await info(client, 'commandstats', 'cmdstat_evalsha');

    const responses = await burst([12, 12]);
    expect(responses.map((res) => res.statusCode)).toEqual(Array(24).fill(200));

    // Every request counted by its own script...
    expect((await info(client, 'commandstats', 'cmdstat_evalsha')) - scripts).toBe(24);
    // ...but Redis read them in a handful of reads (one pipeline an instance, allowing a split each),
    // not 24: the last INFO's own read and the commandstats INFO are the 2 subtracted.
    const burstReads = (await info(client, 'stats', 'total_reads_processed')) - reads - 2;
    expect(burstReads).toBeLessThanOrEqual(4);
  });

  it('refuses exactly the requests over the budget, however they are split between two instances at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: LIMIT + 10 }), fc.integer({ min: 0, max: LIMIT + 10 }), async (a, b) => {
        const responses = await burstInRedis([a, b]);
        const served = responses.filter((res) => res.statusCode === 200);
        expect(served).toHaveLength(Math.min(a + b, LIMIT));
        expect(responses.filter((res) => res.statusCode === 429)).toHaveLength(Math.max(0, a + b - LIMIT));
        // Each served request saw its own place in the one shared count.
        const remaining = served.map((res) => Number(res.headers['x-ratelimit-remaining'])).sort((x, y) => x - y);
        expect(remaining).toEqual(Array.from({ length: served.length }, (_, i) => LIMIT - served.length + i));
      }),
      { numRuns: 15 },
    );
  });
});
