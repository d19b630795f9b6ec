import type { FakeAgora, FakeAnswer, RecordedRequest } from './support/fake-agora.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './support/fake-agora-media-pull.js';
import { freePort } from './support/spawn-service.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';

/**
 * Slow and failing Agora hosts: a create goes to the fallback host only when the primary could not be reached at all
 * (so it cannot act twice), the list is retried there, and a slow answer within the timeout is simply waited for.
 */
describe('Media pull with slow and failing Agora hosts (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fallback: FakeAgoraMediaPull;

  beforeAll(async () => {
    fallback = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
    // A free port nothing listens on: a primary host that cannot be reached.
    pull = await startMediaPullApp({ AGORA_API_BASE_URL: `http://127.0.0.1:${await freePort()}`, AGORA_API_FALLBACK_URL: mediaPullEnv(fallback).AGORA_API_BASE_URL });
  });
  afterAll(async () => {
    await pull.close();
    await fallback.close();
  });

  it('creates, lists and deletes through the fallback host while the primary cannot be reached, and waits for a slow one', async () => {
    const { app, headers } = pull;
    // The fake's own create, answered slowly (well within the 10 s timeout).
    const own = fallback.responder('create') as (request: RecordedRequest, fake: FakeAgora) => Promise<FakeAnswer>;
    fallback.on('create', async (request, fake) => ({ ...(await own(request, fake)), delayMs: 60 }));
    const created = await app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'fallback-room', streamUrl: 'https://media.example.com/f.flv' } });
    expect(created.statusCode).toBe(201);
    expect(fallback.requests('create')).toHaveLength(1);
    const { id, playerId } = created.json<{ id: string; playerId: string }>();

    fallback.on('list', { delayMs: 40, status: 503, body: { message: 'busy' } }, fallback.responder('list'));
    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${id}`, headers })).json()).toEqual(expect.objectContaining({ id, status: 'running' }));
    expect((await app.inject({ method: 'DELETE', url: `/v1/media-pull/${id}`, headers })).statusCode).toBe(204);
    expect(fallback.players.get(playerId)!.deleted).toBe(true);
  });
});
