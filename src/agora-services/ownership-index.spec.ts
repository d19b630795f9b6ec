import { Redis } from 'ioredis';
import { RedisServer } from '../../test/support/redis-server.js';
import type { OwnedEntry } from './owned-entry.js';
import { OwnershipIndex } from './ownership-index.js';

const now = () => Math.floor(Date.now() / 1000);
const entry = (agoraId: string, extra: Partial<OwnedEntry> = {}): OwnedEntry => ({
  agoraId,
  id: `sealed-${agoraId}`,
  owner: 'owner-a',
  channel: 'lobby',
  createdAt: now(),
  ...extra,
});

describe.each([
  ['in memory', false],
  ['in Redis', true],
])('OwnershipIndex %s', (_name, withRedis) => {
  let redis: RedisServer | undefined;
  let index: OwnershipIndex;

  beforeAll(async () => {
    redis = withRedis ? await RedisServer.start() : undefined;
    index = new OwnershipIndex({ perMinute: 60, redisUrl: redis?.url });
  });

  afterAll(async () => {
    await index.onApplicationShutdown();
    await redis?.stop();
  });

  it('keeps entries per service and project, forgets removed ones and never answers expired ones', async () => {
    await index.add('media-push/default', entry('c1'));
    await index.add('media-push/default', entry('c2', { owner: 'owner-b', channel: 'stage' }));
    await index.add('media-push/other', entry('c3'));
    await index.add('media-pull/default', entry('p1'));
    await index.add('media-push/default', entry('gone', { expiresAt: now() - 1 }));
    const entries = await index.entries('media-push/default');
    expect(entries.map(({ agoraId }) => agoraId).sort()).toEqual(['c1', 'c2']);
    expect(entries.find(({ agoraId }) => agoraId === 'c2')).toEqual(entry('c2', { owner: 'owner-b', channel: 'stage', createdAt: expect.any(Number) }));
    await index.remove('media-push/default', 'c1');
    expect((await index.entries('media-push/default')).map(({ agoraId }) => agoraId)).toEqual(['c2']);
    expect((await index.entries('media-push/other')).map(({ agoraId }) => agoraId)).toEqual(['c3']);
  });

  it('replaces an entry added again for the same Agora id', async () => {
    await index.add('stream-keys/default', entry('k1', { channel: 'first' }));
    await index.add('stream-keys/default', entry('k1', { channel: 'second' }));
    expect((await index.entries('stream-keys/default')).map(({ channel }) => channel)).toEqual(['second']);
  });
});

describe('OwnershipIndex with Redis', () => {
  it('is shared: what one replica adds, another lists; and a list answers 503 while Redis is down, adds go on', async () => {
    const redis = await RedisServer.start();
    const one = new OwnershipIndex({ perMinute: 60, redisUrl: redis.url });
    const two = new OwnershipIndex({ perMinute: 60, redisUrl: redis.url });
    try {
      await one.add('transcription/default', entry('a1'));
      expect((await two.entries('transcription/default')).map(({ agoraId }) => agoraId)).toEqual(['a1']);
      await redis.stop();
      await expect(one.add('transcription/default', entry('a2'))).resolves.toBeUndefined();
      await expect(two.entries('transcription/default')).rejects.toMatchObject({ status: 503 });
      await redis.restart();
      await one.add('stream-keys/default', entry('expired', { expiresAt: now() - 1 }));
      await one.add('stream-keys/default', entry('live', { expiresAt: now() + 3600 }));
      expect((await two.entries('stream-keys/default')).map(({ agoraId }) => agoraId)).toEqual(['live']);
      // What a list found expired is gone from Redis too: nothing else would remove it.
      const raw = new Redis(redis.url);
      expect(Object.keys(await raw.hgetall('agora-token-service:owned:stream-keys/default'))).toEqual(['live']);
      raw.disconnect();
    } finally {
      await one.onApplicationShutdown();
      await two.onApplicationShutdown();
      await redis.stop();
    }
  });
});
