import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { FakeAgora } from './support/fake-agora.js';
import { FakeAgoraStreamKeys, STREAM_KEY_SECRETS, startStreamKeysApp, streamKeysEnv, type StreamKeysApp } from './support/fake-agora-stream-keys.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_ID } from './support/test-credentials.js';

interface Created {
  id: string;
  streamKey: string;
  channel: string;
  region: string;
  ingest: { rtmp: { server: string; url: string }; srt: { server: string; url: string } };
}

/** A stream key's life through /v1/stream-keys against a fake Agora Media Gateway: created once, shown once, revoked. */
describe('Stream keys (e2e, fake Agora)', () => {
  let keys: StreamKeysApp;
  let fake: FakeAgoraStreamKeys;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    keys = await startStreamKeysApp();
    ({ fake, app, headers } = keys);
  });
  afterAll(() => keys.close());
  afterEach(() => {
    for (const operation of ['create', 'query', 'delete'] as const) fake.on(operation, fake.responder(operation));
  });

  const create = (payload: object) => app.inject({ method: 'POST', url: '/v1/stream-keys', headers, payload });
  const get = (id: string) => app.inject({ method: 'GET', url: `/v1/stream-keys/${id}`, headers });
  const remove = (id: string) => app.inject({ method: 'DELETE', url: `/v1/stream-keys/${id}`, headers });
  const list = async (query = '') => (await app.inject({ method: 'GET', url: `/v1/stream-keys${query}`, headers })).json<{ streamKeys: { id: string }[] }>().streamKeys;

  it('creates a key at Agora, answers it once with the ingest servers, describes it without it, and revokes it', async () => {
    const answer = await create({ channel: 'live-stage', uid: 4242, expiresAfterSeconds: 3600 });
    const created = answer.json<Created>();

    expect(answer.statusCode).toBe(201);
    expect(answer.headers['cache-control']).toBe('no-store');
    const sent = fake.requests('create').at(-1)!;
    expect(sent.path).toBe(`/na/v1/projects/${TEST_APP_ID}/rtls/ingress/streamkeys`);
    expect(sent.body).toEqual({ settings: { channel: 'live-stage', uid: '4242', expiresAfter: 3600 } });
    expect(sent.credentials).toEqual(STREAM_KEY_SECRETS);
    expect(sent.headers['x-request-id']).toEqual(expect.any(String));
    const held = fake.live().find((key) => key.streamKey === created.streamKey);
    expect(held).toEqual(expect.objectContaining({ channel: 'live-stage', uid: '4242', region: 'na', expiresAfter: 3600 }));
    expect(created.ingest).toEqual({
      rtmp: { server: 'rtmp://rtls-ingress-prod-na.agoramdn.com/live', url: `rtmp://rtls-ingress-prod-na.agoramdn.com/live/${created.streamKey}` },
      srt: { server: 'srt://srtlive-rtcpush-prod-na.agoramdn.com:6001', url: `srt://srtlive-rtcpush-prod-na.agoramdn.com:6001?streamid=${created.streamKey}` },
    });
    const description = { id: created.id, project: 'default', region: 'na', channel: 'live-stage', uid: 4242, expiresAfterSeconds: 3600 };
    const createdAt = new Date(held!.createdAt * 1000).toISOString();
    const expiresAt = new Date((held!.createdAt + 3600) * 1000).toISOString();
    expect(created).toEqual({ ...description, createdAt, expiresAt, streamKey: created.streamKey, ingest: created.ingest });

    const got = await get(created.id);
    expect(got.json()).toEqual({ ...description, createdAt, expiresAt });
    expect(fake.requests('query').at(-1)!.path).toBe(`/na/v1/projects/${TEST_APP_ID}/rtls/ingress/streamkeys/${created.streamKey}`);
    expect((await list()).map(({ id }) => id)).toContain(created.id);

    const removed = await remove(created.id);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ...description, createdAt, expiresAt });
    expect(fake.keys.get(created.streamKey)!.deleted).toBe(true);
    expect((await get(created.id)).statusCode).toBe(404);
    expect((await remove(created.id)).json()).toEqual(expect.objectContaining({ status: 404, detail: expect.stringContaining('no longer has this stream key') }));
    expect((await list()).map(({ id }) => id)).not.toContain(created.id);
  });

  it('creates in the region named, for a string account, and lists by region and channel', async () => {
    const answer = await create({ channel: 'euro-stage', account: 'camera one', expiresAfterSeconds: 600, region: 'eu' });
    const created = answer.json<Created & { account: string }>();

    expect(answer.statusCode).toBe(201);
    expect(created).toEqual(expect.objectContaining({ region: 'eu', account: 'camera one' }));
    expect(created).not.toHaveProperty('uid');
    expect(fake.requests('create').at(-1)!.path).toMatch(/^\/eu\//);
    expect(created.ingest.rtmp.server).toBe('rtmp://rtls-ingress-prod-eu.agoramdn.com/live');
    expect(created.ingest.srt.url).toBe(`srt://srtlive-rtcpush-prod-eu.agoramdn.com:6001?streamid=${created.streamKey}`);
    expect((await list('?region=eu')).map(({ id }) => id)).toEqual([created.id]);
    expect((await list('?region=eu&channel=other')).map(({ id }) => id)).toEqual([]);
    expect((await list()).map(({ id }) => id)).not.toContain(created.id);
    // Later calls need no region: the id carries it.
    expect((await get(created.id)).json()).toEqual(expect.objectContaining({ region: 'eu' }));
    expect(fake.requests('query').at(-1)!.path).toMatch(/^\/eu\//);
  });

  it('creates a key that never expires (0) for an API key without maxExpireSeconds, with no expiresAt', async () => {
    const created = (await create({ channel: 'standing', uid: 7, expiresAfterSeconds: 0 })).json<Created>();

    expect(fake.requests('create').at(-1)!.body).toEqual({ settings: { channel: 'standing', uid: '7', expiresAfter: 0 } });
    expect(created).toEqual(expect.objectContaining({ expiresAfterSeconds: 0 }));
    expect(created).not.toHaveProperty('expiresAt');
  });

  it('drops keys Agora no longer has (expired, or deleted elsewhere) from lists, and answers them 404', async () => {
    const expiring = (await create({ channel: 'short-lived', uid: 1, expiresAfterSeconds: 60 })).json<Created>();
    const elsewhere = (await create({ channel: 'short-lived', uid: 2, expiresAfterSeconds: 3600 })).json<Created>();
    const kept = (await create({ channel: 'short-lived', uid: 3, expiresAfterSeconds: 3600 })).json<Created>();
    fake.keys.get(elsewhere.streamKey)!.deleted = true;
    const now = fake.nowSeconds;
    fake.nowSeconds = () => now() + 120;

    try {
      expect((await list('?channel=short-lived')).map(({ id }) => id)).toEqual([kept.id]);
      expect((await get(expiring.id)).statusCode).toBe(404);
      expect((await get(elsewhere.id)).statusCode).toBe(404);
    } finally {
      fake.nowSeconds = now;
    }
  });

  it('answers 409 for a second key of one channel and user, and retries Agora’s 409 (too many at once) before creating', async () => {
    expect((await create({ channel: 'twice', uid: 5, expiresAfterSeconds: 60 })).statusCode).toBe(201);
    const again = await create({ channel: 'twice', uid: 5, expiresAfterSeconds: 60 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual(expect.objectContaining({ upstream: { status: 400, message: 'Streaming key exists in region:na.' } }));

    const busy = { status: 409, body: { message: 'Resource with the same name already exists.' } };
    fake.on('create', busy, busy, fake.responder('create'));
    expect((await create({ channel: 'busy', uid: 5, expiresAfterSeconds: 60 })).statusCode).toBe(201);
    fake.on('create', busy);
    expect((await create({ channel: 'busy', uid: 6, expiresAfterSeconds: 60 })).statusCode).toBe(409);
  });

  it('survives a slow Agora, retries a failing query, and never repeats a create or delete that may have acted', async () => {
    fake.on('create', async (request, agora) => ({ ...(await (fake.responder('create') as (r: typeof request, a: FakeAgora) => object)(request, agora)), delayMs: 40 }));
    const created = (await create({ channel: 'slow', uid: 9, expiresAfterSeconds: 60 })).json<Created>();
    expect(created.streamKey).toEqual(expect.any(String));

    const queries = fake.requests('query').length;
    fake.on('query', { status: 503, body: { message: 'Service unavailable temporarily.' } }, fake.responder('query'));
    expect((await get(created.id)).statusCode).toBe(200);
    expect(fake.requests('query').length).toBe(queries + 2);

    const creates = fake.requests('create').length;
    fake.on('create', { destroy: true });
    expect((await create({ channel: 'broken', uid: 9, expiresAfterSeconds: 60 })).statusCode).toBe(502);
    expect(fake.requests('create').length).toBe(creates + 1);
    fake.on('delete', { status: 500, body: { message: 'Internal error. Contact us to help fix it.' } });
    expect((await remove(created.id)).json()).toEqual(expect.objectContaining({ status: 502, upstream: { status: 500 } }));
  });

  it('deletes again a key too long for an id it could take back, and answers 502', async () => {
    // Random text: the id's sealing compresses, so only a key that does not compress can outgrow it.
    const long = randomBytes(750).toString('base64url');
    fake.on('create', async (request, agora) => {
      const answer = (await (fake.responder('create') as (r: typeof request, a: FakeAgora) => { body: { data: { streamKey: string } } })(request, agora));
      const held = fake.keys.get(answer.body.data.streamKey)!;
      fake.keys.delete(held.streamKey);
      fake.keys.set(long, { ...held, streamKey: long });
      return { body: { status: 'success', data: { ...answer.body.data, streamKey: long } } };
    });
    const answer = await create({ channel: 'long-key', uid: 12, expiresAfterSeconds: 60 });

    expect(answer.statusCode).toBe(502);
    expect(answer.body).not.toContain(long);
    expect(fake.keys.get(long)!.deleted).toBe(true);
  });

  it('moves to the fallback host when the primary cannot be reached', async () => {
    const down = await FakeAgora.start();
    const primary = down.url;
    await down.close();
    const fallbackApp = await createTestApp({ ...streamKeysEnv(fake), AGORA_API_BASE_URL: primary, AGORA_API_FALLBACK_URL: fake.url, API_KEYS_FILE: undefined });
    try {
      const answer = await fallbackApp.inject({ method: 'POST', url: '/v1/stream-keys', payload: { channel: 'fallback', uid: 11, expiresAfterSeconds: 60 } });
      expect(answer.statusCode).toBe(201);
      expect(fake.live().map(({ channel }) => channel)).toContain('fallback');
    } finally {
      await fallbackApp.close();
    }
  });
});
