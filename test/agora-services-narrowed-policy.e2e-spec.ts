import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './support/fake-agora-media-pull.js';
import { createTestApp } from './support/test-app.js';

/**
 * A key's `channels` narrowed after it started a player (a policy roll-out: here, a second replica with the new keys
 * file). What it started stays its own to read and end, but no longer to change: a change acts in the channel again.
 */
describe('an owner whose channels were narrowed since it started a resource', () => {
  let fake: FakeAgoraMediaPull;
  let before: NestFastifyApplication;
  let after: NestFastifyApplication;
  const key = newApiKey();
  const headers = { 'x-api-key': key };

  beforeAll(async () => {
    fake = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
    const env = { ...mediaPullEnv(fake), AUTH_MODE: 'apikey' };
    before = await createTestApp({ ...env, API_KEYS_FILE: writeApiKeysFile([{ id: 'puller', key, kinds: ['media-pull'] }]) });
    after = await createTestApp({ ...env, API_KEYS_FILE: writeApiKeysFile([{ id: 'puller', key, kinds: ['media-pull'], channels: ['lobby-*'] }]) });
  });

  afterAll(async () => {
    await before.close();
    await after.close();
    await fake.close();
  });

  it('may read and end it, but not change it (403 channels), as it may not start one there', async () => {
    const created = await before.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'vip-room', streamUrl: 'https://media.example.com/a.flv', uid: 5 } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const fresh = await after.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'vip-room', streamUrl: 'https://media.example.com/a.flv', uid: 6 } });
    const update = await after.inject({ method: 'PATCH', url: `/v1/media-pull/${id}`, headers, payload: { streamUrl: 'https://elsewhere.example.com/other.flv' } });
    expect([fresh.statusCode, update.statusCode]).toEqual([403, 403]);
    expect(update.json()).toMatchObject({ rule: 'channels' });
    expect((await after.inject({ method: 'GET', url: `/v1/media-pull/${id}`, headers })).statusCode).toBe(200);
    expect((await after.inject({ method: 'DELETE', url: `/v1/media-pull/${id}`, headers })).statusCode).toBe(204);
  });
});
