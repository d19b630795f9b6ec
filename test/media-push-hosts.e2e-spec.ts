import { FakeAgoraMediaPush, PUSH_SECRETS } from './support/fake-agora-media-push.js';
import { freePort } from './support/spawn-service.js';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';

/**
 * Media push with its primary Agora host unreachable: a create goes to the fallback host (the request never left, so
 * it cannot act twice), reads there are retried past a 503, and every attempt is counted on /metrics by API and outcome.
 */
describe('Media push with a failing Agora host (e2e, fake Agora)', () => {
  let push: MediaPushApp;
  let fallback: FakeAgoraMediaPush;

  beforeAll(async () => {
    fallback = await FakeAgoraMediaPush.start([PUSH_SECRETS]);
    // A free port nothing listens on: a primary host that cannot be reached.
    push = await startMediaPushApp({ AGORA_API_BASE_URL: `http://127.0.0.1:${await freePort()}`, AGORA_API_FALLBACK_URL: fallback.url });
  });
  afterAll(async () => {
    await push.close();
    await fallback.close();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => push.app.inject({ method, url, headers: push.headers.pusher, ...(payload ? { payload } : {}) });
  const metrics = async () => (await push.app.inject({ method: 'GET', url: '/metrics' })).body;
  const count = (body: string, api: string, outcome: string) => Number(new RegExp(`^agora_upstream_requests_total\\{api="${api}",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(body)?.[1] ?? 0);

  it('creates through the fallback host, retries its reads past a 503, and counts each attempt by API and outcome', async () => {
    const before = await metrics();

    const created = await call('POST', '/v1/media-push', { channel: 'fallback-show', rtcStreamUid: 7, rtmpUrl: 'rtmp://live.example.com/app/fallback-key' });

    expect(created.statusCode).toBe(201);
    expect(fallback.requests('create')).toHaveLength(1);
    const { id, converterId } = created.json<{ id: string; converterId: string }>();
    fallback.on('get', { status: 503, body: { message: 'busy' } }, fallback.responder('get'));
    expect((await call('GET', `/v1/media-push/${id}`)).json()).toEqual(expect.objectContaining({ id, state: 'running' }));
    fallback.on('list', { status: 503, body: { message: 'busy' } }, fallback.responder('list'));
    expect((await call('GET', '/v1/media-push?channel=fallback-show')).json().converters).toEqual([expect.objectContaining({ id })]);
    expect((await call('DELETE', `/v1/media-push/${id}`)).statusCode).toBe(204);
    expect(fallback.converters.has(converterId)).toBe(false);

    const after = await metrics();
    const delta = (api: string, outcome: string) => count(after, api, outcome) - count(before, api, outcome);
    expect({
      createOk: delta('media-push.create', 'ok'),
      getError: delta('media-push.get', 'error'),
      getOk: delta('media-push.get', 'ok'),
      listError: delta('media-push.list', 'error'),
      listOk: delta('media-push.list', 'ok'),
      deleteOk: delta('media-push.delete', 'ok'),
    }).toEqual({ createOk: 1, getError: 1, getOk: 1, listError: 1, listOk: 1, deleteOk: 1 });
    // The attempts at the unreachable primary are counted too, under the same API names.
    expect(count(after, 'media-push.create', 'unreachable')).toBeGreaterThanOrEqual(1);
  });
});
