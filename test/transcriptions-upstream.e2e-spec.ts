import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAgora } from './support/fake-agora.js';
import { FakeAgoraStt, STT_SECRETS } from './support/fake-agora-stt.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';

/** A URL nothing listens on: a host that cannot be reached. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Slow and failing Agora hosts: what is retried (queries and lists, on 5xx and at the fallback host), what is not (a
 * join, an update or a leave that reached Agora), and how each failure is answered (502, 503 with Retry-After).
 */
describe('Real-time transcription: slow and failing Agora hosts (e2e, fake Agora)', () => {
  let stt: TranscriptionApp;
  let fallback: FakeAgoraStt;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    // One Agora behind two hosts: the primary (scripted per test) and the fallback, sharing their agents.
    const primary = new FakeAgoraStt(await FakeAgora.start([STT_SECRETS]));
    fallback = new FakeAgoraStt(await FakeAgora.start([STT_SECRETS]), primary.agents);
    stt = await startTranscriptionApp(undefined, { AGORA_API_BASE_URL: primary.url, AGORA_API_FALLBACK_URL: fallback.url }, undefined, primary);
    ({ app } = stt);
    headers = stt.keys.transcriber.headers;
  });
  afterAll(async () => {
    await stt.close();
    await fallback.close();
  });
  afterEach(() => {
    for (const operation of ['join', 'query', 'update', 'leave', 'list'] as const) stt.fake.on(operation, stt.fake.responder(operation));
  });

  const create = () => app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload: { channel: 'failing', languages: ['en-US'] } });
  const count = () => ({ primary: stt.fake.agora.requests.length, fallback: fallback.agora.requests.length });

  it('retries a query Agora answers 503, then asks the fallback host', async () => {
    const { id } = (await create()).json<{ id: string }>();
    stt.fake.on('query', { status: 503, body: { detail: 'busy', reason: 'ServiceUnavailable' } });
    const before = count();

    const answer = await app.inject({ method: 'GET', url: `/v1/transcriptions/${id}`, headers });
    expect(answer.statusCode).toBe(200);
    const after = count();
    expect({ primary: after.primary - before.primary, fallback: after.fallback - before.fallback }).toEqual({ primary: 2, fallback: 1 });
  });

  it('sends a join, an update or a leave once when Agora answers 5xx: it may have acted', async () => {
    const { id } = (await create()).json<{ id: string }>();
    stt.later(5); // Agora's spacing before an update
    for (const [operation, request] of [
      ['join', () => create()],
      ['update', () => app.inject({ method: 'PATCH', url: `/v1/transcriptions/${id}`, headers, payload: { languages: ['de-DE'] } })],
      ['leave', () => app.inject({ method: 'DELETE', url: `/v1/transcriptions/${id}`, headers })],
    ] as const) {
      stt.fake.on(operation, { status: 500, body: { detail: 'worker error', reason: 'InternalError' } });
      const before = count();
      const answer = await request();
      expect({ operation, status: answer.statusCode, upstream: answer.json().upstream }).toEqual({ operation, status: 502, upstream: expect.objectContaining({ status: 500 }) });
      expect(count()).toEqual({ primary: before.primary + 1, fallback: before.fallback });
    }
  });

  it('answers Agora’s rate limit as a 503 with Retry-After, without retrying', async () => {
    stt.fake.on('join', { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too many requests' } });
    const before = count();

    const answer = await create();
    expect({ status: answer.statusCode, retryAfter: answer.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '7' });
    expect(count()).toEqual({ primary: before.primary + 1, fallback: before.fallback });
  });

  it('waits for a slow Agora', async () => {
    stt.fake.on('join', (request) => ({ ...stt.fake.responder('join')(request), delayMs: 60 }));
    expect((await create()).statusCode).toBe(201);
  });

  it('sends a join to the fallback host when the primary cannot be reached at all', async () => {
    const unreachable = await startTranscriptionApp(undefined, { AGORA_API_BASE_URL: await closedUrl(), AGORA_API_FALLBACK_URL: fallback.url });
    try {
      const before = fallback.requests('join').length;
      const answer = await unreachable.app.inject({ method: 'POST', url: '/v1/transcriptions', headers: unreachable.keys.transcriber.headers, payload: { channel: 'far', languages: ['en-US'] } });
      expect(answer.statusCode).toBe(201);
      expect(fallback.requests('join')).toHaveLength(before + 1);
    } finally {
      await unreachable.close();
    }
  });
});
