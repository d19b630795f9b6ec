import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { RedisServer } from './support/redis-server.js';
import { createTestApp } from './support/test-app.js';

/**
 * Ownership across replicas and restarts. A recording's id is signed with a key every instance derives from the
 * same configuration (the project's Customer Secret), so "another replica" is another app instance with the same
 * configuration and "after a restart" is a new app instance: both must know the recording and its owner. The
 * replicas share a real Redis (their rate limit), as a deployment would; the ids need nothing from it.
 */
describe('Cloud recording across replicas and a restart (e2e, fake Agora, real Redis)', () => {
  let fake: FakeAgoraRecording;
  let redis: RedisServer;
  const owner = newApiKey();
  const stranger = newApiKey();
  let env: Record<string, string>;
  const apps: NestFastifyApplication[] = [];
  const replica = async () => {
    const app = await createTestApp(env);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS, { customerId: RECORDING_SECRETS.customerId, customerSecret: 'rotated-secret-0001' }]);
    redis = await RedisServer.start();
    env = {
      ...recordingEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: owner, kinds: ['recording'] },
        { id: 'stranger', key: stranger, kinds: ['recording'] },
      ]),
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await redis.stop();
    await fake.close();
  });

  it('serves a recording started on one replica from another, and stops it after a restart, to its owner only', async () => {
    const [first, second] = [await replica(), await replica()];
    const started = await first.inject({ method: 'POST', url: '/v1/recordings', headers: { 'x-api-key': owner }, payload: { channel: 'replicated', mode: 'mix' } });
    const { id, sid } = started.json<{ id: string; sid: string }>();
    expect(started.statusCode).toBe(201);

    const elsewhere = await second.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: { 'x-api-key': owner } });
    expect(elsewhere.json()).toEqual(expect.objectContaining({ id, sid, state: 'recording' }));
    expect((await second.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: { 'x-api-key': stranger } })).statusCode).toBe(404);

    // A restart: every instance that knew of the recording is gone; a new one starts from the configuration alone.
    await first.close();
    await second.close();
    apps.length = 0;
    const restarted = await replica();
    expect((await restarted.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers: { 'x-api-key': stranger } })).statusCode).toBe(404);
    expect(fake.sessions.get(sid)!.stopped).toBe(false);
    const stopped = await restarted.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers: { 'x-api-key': owner } });
    expect(stopped.json()).toEqual(expect.objectContaining({ id, alreadyStopped: false, uploadingStatus: 'uploaded' }));
    expect(fake.sessions.get(sid)!.stopped).toBe(true);
  });

  it('no longer accepts the ids of a configuration whose Customer Secret was rotated', async () => {
    const before = await replica();
    const { id } = (await before.inject({ method: 'POST', url: '/v1/recordings', headers: { 'x-api-key': owner }, payload: { channel: 'rotated', mode: 'mix' } })).json<{ id: string }>();
    const rotated = await createTestApp({ ...env, AGORA_CUSTOMER_SECRET: 'rotated-secret-0001' });
    apps.push(rotated);

    expect((await rotated.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: { 'x-api-key': owner } })).statusCode).toBe(404);
    expect((await before.inject({ method: 'DELETE', url: `/v1/recordings/${id}?async=true`, headers: { 'x-api-key': owner } })).statusCode).toBe(200);
  });
});
