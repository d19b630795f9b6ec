import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraStt, STT_SECRETS, sttEnv } from './support/fake-agora-stt.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { createTestApp } from './support/test-app.js';

/**
 * Transcriptions across replicas and a restart. The id carries all a later call needs (sealed with a key derived from
 * the project's Customer Secret), so any instance serves it; the list needs the ownership index, which REDIS_URL shares
 * between the replicas and keeps across restarts.
 */
describe('Real-time transcription across replicas and a restart (e2e, fake Agora, real Redis)', () => {
  let fake: FakeAgoraStt;
  let replicas: RedisReplicas;
  const owner = newApiKey();
  const stranger = newApiKey();
  let env: Record<string, string>;
  const as = (key: string) => ({ 'x-api-key': key });

  beforeAll(async () => {
    fake = await FakeAgoraStt.start([STT_SECRETS]);
    env = {
      ...sttEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: owner, kinds: ['transcription'] },
        { id: 'stranger', key: stranger, kinds: ['transcription'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    replicas = await startRedisReplicas(env);
  });
  afterAll(async () => {
    await replicas.close();
    await fake.close();
  });

  const list = async (app: NestFastifyApplication, key: string, channel: string) => {
    const answer = await app.inject({ method: 'GET', url: `/v1/transcriptions?channel=${channel}`, headers: as(key) });
    expect(answer.statusCode).toBe(200);
    return answer.json<{ items: { id: string }[] }>().items.map(({ id }) => id).sort();
  };

  it('lists on one replica what its owner started on either, to its owner only, and serves each id anywhere', async () => {
    const [first, second] = replicas.replicas;
    const start = (app: NestFastifyApplication) =>
      app.inject({ method: 'POST', url: '/v1/transcriptions', headers: as(owner), payload: { channel: 'replicated', languages: ['en-US'] } }).then((answer) => answer.json<{ id: string }>().id);
    const ids = [await start(first), await start(second)].sort();

    expect(await list(first, owner, 'replicated')).toEqual(ids);
    expect(await list(second, owner, 'replicated')).toEqual(ids);
    expect(await list(second, stranger, 'replicated')).toEqual([]);
    expect((await second.inject({ method: 'GET', url: `/v1/transcriptions/${ids[0]}`, headers: as(owner) })).statusCode).toBe(200);
    expect((await first.inject({ method: 'GET', url: `/v1/transcriptions/${ids[0]}`, headers: as(stranger) })).statusCode).toBe(404);

    // Stopped on one replica: gone from the other's list.
    expect((await second.inject({ method: 'DELETE', url: `/v1/transcriptions/${ids[0]}`, headers: as(owner) })).statusCode).toBe(200);
    expect(await list(first, owner, 'replicated')).toEqual([ids[1]]);
  });

  it('still lists and stops a transcription after a restart', async () => {
    const [first] = replicas.replicas;
    const { id } = (await first.inject({ method: 'POST', url: '/v1/transcriptions', headers: as(owner), payload: { channel: 'restarted', languages: ['en-US'] } })).json<{ id: string }>();
    const restarted = await createTestApp({ ...env, REDIS_URL: replicas.redis.url });
    try {
      expect(await list(restarted, owner, 'restarted')).toEqual([id]);
      expect((await restarted.inject({ method: 'DELETE', url: `/v1/transcriptions/${id}`, headers: as(owner) })).json()).toMatchObject({ id, alreadyStopped: false });
    } finally {
      await restarted.close();
    }
  });

  it('goes on starting and stopping while Redis does not answer, and answers the list 503 with Retry-After', async () => {
    const [first] = replicas.replicas;
    replicas.redis.pause();
    try {
      const created = await first.inject({ method: 'POST', url: '/v1/transcriptions', headers: as(owner), payload: { channel: 'outage', languages: ['en-US'] } });
      expect(created.statusCode).toBe(201);
      const listed = await first.inject({ method: 'GET', url: '/v1/transcriptions?channel=outage', headers: as(owner) });
      expect({ status: listed.statusCode, retryAfter: listed.headers['retry-after'] }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      const { id } = created.json<{ id: string }>();
      expect((await first.inject({ method: 'DELETE', url: `/v1/transcriptions/${id}`, headers: as(owner) })).statusCode).toBe(200);
    } finally {
      replicas.redis.resume();
    }
  });
});
