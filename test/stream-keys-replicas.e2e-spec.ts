import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraStreamKeys, STREAM_KEY_SECRETS, streamKeysEnv } from './support/fake-agora-stream-keys.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';

/**
 * Lists across replicas and restarts. Agora has no list of stream keys, so the replicas share an ownership index in
 * Redis: a key created on one is listed by another, and by an instance started later, to its owner only. The index
 * holds digests and sealed ids, never a key; the ids need nothing from it, so GET and DELETE work with Redis down.
 */
describe('Stream keys across replicas and a restart (e2e, fake Agora, real Redis)', () => {
  let fake: FakeAgoraStreamKeys;
  let cluster: RedisReplicas;
  let env: Record<string, string>;
  let first: NestFastifyApplication;
  let second: NestFastifyApplication;
  const owner = { 'x-api-key': newApiKey() };
  const stranger = { 'x-api-key': newApiKey() };
  const created: string[] = [];

  beforeAll(async () => {
    fake = await FakeAgoraStreamKeys.start();
    env = {
      ...streamKeysEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: owner['x-api-key'], kinds: ['stream-keys'] },
        { id: 'stranger', key: stranger['x-api-key'], kinds: ['stream-keys'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    cluster = await startRedisReplicas(env);
    [first, second] = cluster.replicas;
  });
  afterAll(async () => {
    await cluster.close();
    await fake.close();
  });

  const create = async (app: NestFastifyApplication, channel: string, uid: number) => {
    const answer = await app.inject({ method: 'POST', url: '/v1/stream-keys', headers: owner, payload: { channel, uid, expiresAfterSeconds: 600 } });
    const { id, streamKey } = answer.json<{ id: string; streamKey: string }>();
    created.push(streamKey);
    return id;
  };
  const listed = async (app: NestFastifyApplication, headers = owner) =>
    (await app.inject({ method: 'GET', url: '/v1/stream-keys?channel=replicated', headers })).json<{ streamKeys: { id: string }[] }>().streamKeys.map(({ id }) => id);

  it('lists on one replica the keys created on another, to their owner only, and forgets them once deleted anywhere', async () => {
    const one = await create(first, 'replicated', 1);
    const two = await create(second, 'replicated', 2);

    // Both made within a second or two: compared as sets (a list's order is by Agora's whole-second createdAt).
    expect((await listed(first)).sort()).toEqual([one, two].sort());
    expect(await listed(second)).toEqual(await listed(first));
    expect(await listed(second, stranger)).toEqual([]);
    expect((await second.inject({ method: 'DELETE', url: `/v1/stream-keys/${one}`, headers: owner })).statusCode).toBe(200);
    expect(await listed(first)).toEqual([two]);

    // A restart: a new instance knows the keys from Redis and the configuration alone.
    const restarted = await createTestApp({ ...env, REDIS_URL: cluster.redis.url });
    try {
      expect(await listed(restarted)).toEqual([two]);
      expect((await restarted.inject({ method: 'GET', url: `/v1/stream-keys/${two}`, headers: owner })).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('keeps no stream key in Redis, in any encoding', async () => {
    await create(first, 'replicated', 3);
    const dump: string[] = [];
    for (const key of await cluster.client.keys('*')) {
      const type = await cluster.client.type(key);
      dump.push(key, type === 'hash' ? JSON.stringify(await cluster.client.hgetall(key)) : type === 'string' ? String(await cluster.client.get(key)) : type);
    }
    const secrets = Object.fromEntries([...created.map((key, index) => [`stream key ${index}`, key]), ['customer secret', STREAM_KEY_SECRETS.customerSecret]]);

    expect(dump.join('\n')).toContain('stream-keys');
    expect(secretsFoundIn(dump.join('\n'), secrets)).toEqual([]);
  });

  it('answers a list 503 while Redis does not answer, and still creates, gets and deletes by id', async () => {
    cluster.redis.pause();
    try {
      const list = await first.inject({ method: 'GET', url: '/v1/stream-keys', headers: owner });
      expect({ status: list.statusCode, retryAfter: list.headers['retry-after'] }).toEqual({ status: 503, retryAfter: expect.any(String) });
      const id = await create(first, 'outage', 4);
      expect((await second.inject({ method: 'GET', url: `/v1/stream-keys/${id}`, headers: owner })).statusCode).toBe(200);
      expect((await second.inject({ method: 'DELETE', url: `/v1/stream-keys/${id}`, headers: owner })).statusCode).toBe(200);
    } finally {
      cluster.redis.resume();
    }
  });
});
