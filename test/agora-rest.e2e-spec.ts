import fc from 'fast-check';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgoraCall } from '../src/agora-rest/agora-call.interface.js';
import { AgoraRestClient } from '../src/agora-rest/agora-rest.client.js';
import { AgoraUpstreamError } from '../src/agora-rest/agora-upstream.error.js';
import { headersOf } from '../src/common/problem/problem-headers.js';
import { toProblem } from '../src/common/problem/to-problem.js';
import { restClient, restProject, type RestClientUnderTest } from './support/agora-rest-client.js';
import { FakeAgora } from './support/fake-agora.js';

const CREDENTIALS = { customerId: '5a1f0c9e3b7d4e2a8c6b1d0f9e8a7c6b', customerSecret: '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49' };
const project = restProject(CREDENTIALS);
const PATH = `/v1/apps/${project.appId}/cloud_recording/resourceid/r1/sid/s1/mode/mix/query`;
const query = (overrides: Partial<AgoraCall> = {}): AgoraCall => ({
  project,
  api: 'recording.query',
  method: 'GET',
  path: PATH,
  timeoutMs: 2000,
  retry: 'transient',
  requestId: 'req-1',
  ...overrides,
});

/** The problem (and headers) a failed call is answered with, as the ProblemDetailsFilter renders it. */
async function problemOf(call: Promise<unknown>): Promise<{ problem: Record<string, unknown>; headers: Record<string, string> }> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AgoraUpstreamError);
  return { problem: { ...toProblem(error, '/v1/recordings', 'req-1') }, headers: { ...headersOf(error) } };
}

/** A URL nothing listens at: connections to it are refused. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('AgoraRestClient against a fake Agora', () => {
  let primary: FakeAgora;
  let fallback: FakeAgora;
  let both: RestClientUnderTest;
  let single: RestClientUnderTest;
  let deadPrimary: RestClientUnderTest;

  beforeAll(async () => {
    [primary, fallback] = await Promise.all([FakeAgora.start([CREDENTIALS]), FakeAgora.start([CREDENTIALS])]);
    const refused = await refusedUrl();
    both = await restClient({ AGORA_API_BASE_URL: primary.url, AGORA_API_FALLBACK_URL: fallback.url });
    single = await restClient({ AGORA_API_BASE_URL: primary.url, AGORA_API_FALLBACK_URL: '' });
    deadPrimary = await restClient({ AGORA_API_BASE_URL: refused, AGORA_API_FALLBACK_URL: fallback.url });
  });
  afterAll(async () => {
    await Promise.all([both, single, deadPrimary].map((app) => app?.close()));
    await Promise.all([primary, fallback].map((fake) => fake?.close()));
  });
  beforeEach(() => [primary, fallback].forEach((fake) => fake.reset()));

  it('signs every call with Basic base64(customerId:customerSecret) and sends X-Request-ID and the JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[!-9;-~]{1,40}$/),
        fc.stringMatching(/^[!-~]{1,64}$/),
        fc.stringMatching(/^[!-~]{1,64}$/),
        fc.dictionary(fc.string(), fc.jsonValue()),
        async (customerId, customerSecret, requestId, body) => {
          primary.reset();
          primary.accept({ customerId, customerSecret }).on('POST', '/v1/echo', { status: 200, body: { resourceId: 'r1' } });
          const call = query({ project: restProject({ customerId, customerSecret }), method: 'POST', path: '/v1/echo', body, requestId });
          await expect(single.client.call(call)).resolves.toEqual({ status: 200, body: { resourceId: 'r1' } });
          const [request] = primary.requests;
          expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${customerId}:${customerSecret}`).toString('base64')}`);
          expect(request.credentials).toEqual({ customerId, customerSecret });
          expect(request.headers['x-request-id']).toBe(requestId);
          expect(request.headers['content-type']).toBe('application/json');
          expect(request.body).toEqual(JSON.parse(JSON.stringify(body)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses, before sending anything, a call for a project without REST credentials or a malformed one', async () => {
    const { rest: _rest, ...withoutRest } = project;
    expect([AgoraRestClient.canCall(project), AgoraRestClient.canCall(withoutRest)]).toEqual([true, false]);
    await expect(single.client.call(query({ project: withoutRest }))).rejects.toThrow('Project "default" has no REST credentials');
    await expect(single.client.call(query({ path: 'v1/x' }))).rejects.toThrow('recording.query: the path must start with /');
    await expect(single.client.call(query({ body: {} }))).rejects.toThrow('recording.query: a GET call has no body');
    expect(primary.requests).toEqual([]);
  });

  it('gives a call without a usable request id one of its own', async () => {
    primary.on('GET', PATH, { body: {} });
    await single.client.call(query({ requestId: undefined }));
    await single.client.call(query({ requestId: 'line\r\nbreak' }));
    const ids = primary.requests.map((request) => request.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('answers 504 when Agora does not answer within the timeout, and repeats only a transient call', async () => {
    primary.on('GET', PATH, { delayMs: 400, body: {} });
    const once = await problemOf(single.client.call(query({ timeoutMs: 100, retry: 'none' })));
    expect(once.problem).toMatchObject({ status: 504, type: 'urn:agora-token-service:problem:upstream', requestId: 'req-1' });
    expect(once.problem.detail).toBe('Agora did not answer the recording.query call within 0.1 s.');
    expect(primary.requests).toHaveLength(1);
    primary.reset();
    primary.on('GET', PATH, { delayMs: 400, body: {} }, { body: { serverResponse: { status: 5 } } });
    await expect(single.client.call(query({ timeoutMs: 100 }))).resolves.toEqual({ status: 200, body: { serverResponse: { status: 5 } } });
    expect(primary.requests).toHaveLength(2);
  });

  it('retries a 5xx for a transient call until Agora answers, and never for a retry:none call', async () => {
    primary.on('GET', PATH, { status: 500, body: { code: 500, reason: 'internal_error' } }, { status: 504, body: { code: 62 } }, { body: { ok: true } });
    await expect(single.client.call(query())).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(primary.requests).toHaveLength(3);
    primary.reset();
    primary.on('POST', PATH, { status: 503, body: { message: 'busy' } }, { body: { ok: true } });
    const { problem } = await problemOf(both.client.call(query({ method: 'POST', retry: 'none' })));
    expect(problem).toMatchObject({ status: 502, upstream: { status: 503, message: 'busy' } });
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(0);
  });

  it('moves a transient call to the fallback host after the primary failed twice', async () => {
    primary.on('GET', PATH, { status: 502, raw: '<html>Bad Gateway</html>' });
    fallback.on('GET', PATH, { body: { resourceId: 'from-fallback' } });
    await expect(both.client.call(query())).resolves.toEqual({ status: 200, body: { resourceId: 'from-fallback' } });
    expect(primary.requests).toHaveLength(2);
    expect(fallback.requests).toHaveLength(1);
    expect(fallback.requests[0].headers['x-request-id']).toBe('req-1');
  });

  it('tries the fallback when the primary refuses connections, even for a retry:none call (it never arrived)', async () => {
    fallback.on('POST', '/v1/start', { status: 200, body: { sid: 's1' } });
    await expect(deadPrimary.client.call(query({ method: 'POST', path: '/v1/start', retry: 'none' }))).resolves.toEqual({
      status: 200,
      body: { sid: 's1' },
    });
    expect(fallback.requests).toHaveLength(1);
  });

  it('answers 502 when no host can be reached', async () => {
    const unreachable = await restClient({ AGORA_API_BASE_URL: await refusedUrl(), AGORA_API_FALLBACK_URL: await refusedUrl() });
    try {
      const { problem } = await problemOf(unreachable.client.call(query()));
      expect(problem).toMatchObject({ status: 502, detail: 'Agora could not be reached for the recording.query call.' });
      expect(problem).not.toHaveProperty('upstream');
    } finally {
      await unreachable.close();
    }
  });

  it('answers 502 when the connection breaks mid-call, repeating only a transient call', async () => {
    primary.on('POST', '/v1/stop', { destroy: true });
    const { problem } = await problemOf(both.client.call(query({ method: 'POST', path: '/v1/stop', retry: 'none' })));
    expect(problem).toMatchObject({ status: 502, detail: expect.stringContaining('may have been carried out') });
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(0);
    primary.reset();
    primary.on('GET', PATH, { destroy: true }, { body: { ok: 1 } });
    await expect(both.client.call(query())).resolves.toEqual({ status: 200, body: { ok: 1 } });
  });

  it('never follows a redirect, so an answer cannot send the credentials to another host', async () => {
    primary.on('POST', '/v1/start', { status: 307, headers: { location: `${fallback.url}/v1/start` } });
    fallback.on('POST', '/v1/start', { body: { sid: 'stolen' } });
    const { problem } = await problemOf(single.client.call(query({ method: 'POST', path: '/v1/start', retry: 'none' })));
    expect(problem).toMatchObject({ status: 502, upstream: { status: 307 } });
    expect(fallback.requests).toHaveLength(0);
  });

  it('answers 503 with Retry-After when Agora rate-limits, without retrying', async () => {
    primary.on('GET', PATH, { status: 429, headers: { 'retry-after': '7' }, body: { message: 'API rate limit exceeded' } });
    const limited = await problemOf(both.client.call(query()));
    expect(limited.problem).toMatchObject({ status: 503, upstream: { status: 429, message: 'API rate limit exceeded' } });
    expect(limited.headers).toEqual({ 'Retry-After': '7' });
    expect(primary.requests).toHaveLength(1);
    primary.reset();
    primary.on('GET', PATH, { status: 429, raw: 'slow down' });
    expect((await problemOf(both.client.call(query()))).headers).toEqual({ 'Retry-After': '1' });
  });

  it('passes Agora’s {code, reason} and {message} through as upstream on a 502', async () => {
    primary.on('POST', '/v1/acquire', { status: 400, body: { code: 2, reason: 'invalid params' } });
    primary.on('POST', '/v1/gateway', { status: 401, body: { message: 'Invalid authentication credentials' } });
    primary.on('POST', '/v1/started', { status: 201, body: { code: 7, reason: 'already started' } });
    const call = (path: string) => query({ method: 'POST', path, api: 'recording.start', retry: 'none' });
    expect((await problemOf(both.client.call(call('/v1/acquire')))).problem).toEqual({
      type: 'urn:agora-token-service:problem:upstream',
      title: 'Bad Gateway',
      status: 502,
      detail: 'Agora refused the recording.start call: it answered 400 (code 2).',
      instance: '/v1/recordings',
      upstream: { status: 400, code: 2, reason: 'invalid params' },
      requestId: 'req-1',
    });
    expect((await problemOf(both.client.call(call('/v1/gateway')))).problem.upstream).toEqual({ status: 401, message: 'Invalid authentication credentials' });
    // Agora answers a duplicate start 201 {code: 7}: a 2xx carrying a code is not a success.
    expect((await problemOf(both.client.call(call('/v1/started')))).problem.upstream).toEqual({ status: 201, code: 7, reason: 'already started' });
    expect(primary.requests).toHaveLength(3);
  });

  it('retries the answers a call names transient, even with retry:none (Agora: 206 code 65, retry the same request)', async () => {
    primary.on('POST', '/v1/start', { status: 206, body: { code: 65, reason: 'request not completed' } }, { body: { sid: 's1' } });
    const isTransient = ({ status, body }: { status: number; body: unknown }) => status === 206 && (body as { code?: number }).code === 65;
    await expect(both.client.call(query({ method: 'POST', path: '/v1/start', retry: 'none', isTransient }))).resolves.toEqual({ status: 200, body: { sid: 's1' } });
    expect(primary.requests.map((request) => request.rawBody)).toEqual(['', '']);
  });
});
