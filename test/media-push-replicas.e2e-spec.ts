import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraMediaPush, mediaPushEnv, PUSH_SECRETS } from './support/fake-agora-media-push.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { createTestApp } from './support/test-app.js';

/**
 * Converters across replicas and a restart, with a real Redis holding the ownership index (as a deployment's rate
 * limits do): an id works on every replica, a list on any replica shows what its caller started on any other, and
 * updates from two replicas still reach Agora with growing sequences. Redis down: lists answer 503, pushing goes on.
 */
describe('Media push across replicas and a restart (e2e, fake Agora, real Redis)', () => {
  let fake: FakeAgoraMediaPush;
  let cluster: RedisReplicas;
  const owner = { 'x-api-key': newApiKey() };
  const stranger = { 'x-api-key': newApiKey() };
  let env: Record<string, string>;
  const raw = (channel: string) => ({ channel, rtcStreamUid: 42, rtmpUrl: 'rtmp://live.example.com/app/replica-key' });

  beforeAll(async () => {
    fake = await FakeAgoraMediaPush.start([PUSH_SECRETS]);
    env = {
      ...mediaPushEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: owner['x-api-key'], kinds: ['media-push'] },
        { id: 'stranger', key: stranger['x-api-key'], kinds: ['media-push'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    cluster = await startRedisReplicas(env);
  });
  afterAll(async () => {
    await cluster.close();
    await fake.close();
  });

  it('lists on one replica what its caller created on the other, to that caller only, and serves the id everywhere', async () => {
    const [first, second] = cluster.replicas;
    const created = await first.inject({ method: 'POST', url: '/v1/media-push', headers: owner, payload: raw('replicated') });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();

    const list = await second.inject({ method: 'GET', url: '/v1/media-push?channel=replicated', headers: owner });
    expect(list.json().converters.map((converter: { id: string }) => converter.id)).toEqual([id]);
    expect((await second.inject({ method: 'GET', url: '/v1/media-push', headers: stranger })).json().converters).toEqual([]);
    expect((await second.inject({ method: 'GET', url: `/v1/media-push/${id}`, headers: owner })).statusCode).toBe(200);
    expect((await second.inject({ method: 'GET', url: `/v1/media-push/${id}`, headers: stranger })).statusCode).toBe(404);
  });

  it('sends growing sequences for updates made on different replicas, one after the other', async () => {
    const [first, second] = cluster.replicas;
    const { id } = (await first.inject({ method: 'POST', url: '/v1/media-push', headers: owner, payload: raw('two-writers') })).json<{ id: string }>();
    const before = fake.requests('update').length;

    for (const [n, replica] of [first, second, first, second].entries()) {
      const answer = await replica.inject({ method: 'PATCH', url: `/v1/media-push/${id}`, headers: owner, payload: { jitterBufferSizeMs: 100 * n } });
      expect(answer.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }

    const sequences = fake.requests('update').slice(before).map((request) => Number(request.query.get('sequence')));
    expect(sequences).toHaveLength(4);
    for (let n = 1; n < sequences.length; n++) expect(sequences[n]).toBeGreaterThan(sequences[n - 1]);
  });

  it('keeps lists across a restart, and forgets a converter deleted on another replica', async () => {
    const [first, second] = cluster.replicas;
    const create = async () => (await first.inject({ method: 'POST', url: '/v1/media-push', headers: owner, payload: raw('restart-room') })).json<{ id: string; converterId: string }>();
    const [kept, dropped] = [await create(), await create()];
    expect((await second.inject({ method: 'DELETE', url: `/v1/media-push/${dropped.id}`, headers: owner })).statusCode).toBe(204);
    const indexed = await cluster.client.hkeys(await indexKey());
    expect(indexed).toContain(kept.converterId);
    expect(indexed).not.toContain(dropped.converterId);

    const restarted = await createTestApp({ ...env, REDIS_URL: cluster.redis.url });
    try {
      const list = await restarted.inject({ method: 'GET', url: '/v1/media-push?channel=restart-room', headers: owner });
      expect(list.json().converters.map((converter: { id: string }) => converter.id)).toEqual([kept.id]);
    } finally {
      await restarted.close();
    }
  });

  it('answers a list 503 with Retry-After while Redis does not answer, and goes on creating and deleting', async () => {
    const [first] = cluster.replicas;
    cluster.redis.pause();
    try {
      const created = await first.inject({ method: 'POST', url: '/v1/media-push', headers: owner, payload: raw('redis-down') });
      const list = await first.inject({ method: 'GET', url: '/v1/media-push', headers: owner });
      const deleted = await first.inject({ method: 'DELETE', url: `/v1/media-push/${created.json().id}`, headers: owner });

      expect([created.statusCode, list.statusCode, deleted.statusCode]).toEqual([201, 503, 204]);
      expect(list.headers['retry-after']).toBe('5');
    } finally {
      cluster.redis.resume();
    }
  }, 15_000);

  /** The Redis hash of the default project's converters. */
  async function indexKey(): Promise<string> {
    const keys = await cluster.client.keys('*media-push/default*');
    expect(keys).toHaveLength(1);
    return keys[0];
  }
});
