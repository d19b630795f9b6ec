import type { AgoraCall } from '../src/agora-rest/agora-call.interface.js';
import { AgoraUpstreamError } from '../src/agora-rest/agora-upstream.error.js';
import { restClient, restProject } from './support/agora-rest-client.js';
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

/** Waits for a call expected to fail, and gives its error. */
async function failed(call: Promise<unknown>): Promise<AgoraUpstreamError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AgoraUpstreamError);
  return error as AgoraUpstreamError;
}

/** What operators and callers see of Agora REST calls: problems through the service's filter, metrics, log lines. */
describe('AgoraRestClient, as a route, /metrics and the log show it', () => {
  let primary: FakeAgora;

  beforeAll(async () => {
    primary = await FakeAgora.start([CREDENTIALS]);
  });
  afterAll(() => primary?.close());
  beforeEach(() => primary.reset());

  it('answers a route’s failed call as a problem through the service’s filter: upstream detail, Retry-After, no stack', async () => {
    const routed = await restClient({ AGORA_API_BASE_URL: primary.url, AGORA_API_FALLBACK_URL: '' }, project);
    try {
      primary.on('GET', '/v1/refused', { status: 404, body: { code: 404, reason: 'failed to find worker' } });
      primary.on('GET', '/v1/limited', { status: 429, headers: { 'retry-after': '3' }, body: { message: 'API rate limit exceeded' } });
      primary.on('GET', '/v1/slow', { delayMs: 300, body: {} });
      const probe = (path: string, timeoutMs = 1000) => routed.app.inject({ url: '/probe', query: { path, retry: 'none', timeoutMs: String(timeoutMs) } });
      const refused = await probe('/v1/refused');
      expect(refused.statusCode).toBe(502);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        type: 'urn:agora-token-service:problem:upstream',
        status: 502,
        detail: 'Agora refused the probe.api call: it answered 404 (code 404).',
        instance: '/probe',
        upstream: { status: 404, code: 404, reason: 'failed to find worker' },
      });
      const limited = await probe('/v1/limited');
      expect([limited.statusCode, limited.headers['retry-after'], limited.json().upstream]).toEqual([503, '3', { status: 429, message: 'API rate limit exceeded' }]);
      const slow = await probe('/v1/slow', 50);
      expect([slow.statusCode, slow.json().detail]).toEqual([504, 'Agora did not answer the probe.api call within 0.05 s.']);
      // Answers worded where they were raised, logged there (one line per attempt): not as unhandled errors.
      expect(routed.fastifyLogs.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
      expect(routed.fastifyLogs.filter((line) => line.includes('incoming request'))).toHaveLength(3);
    } finally {
      await routed.close();
    }
  });

  it('counts each attempt by API and outcome on /metrics, with its duration, and logs one line per attempt', async () => {
    const counted = await restClient({ AGORA_API_BASE_URL: primary.url, AGORA_API_FALLBACK_URL: '' });
    try {
      primary.on('GET', PATH, { status: 500 }, { body: {} });
      primary.on('GET', '/v1/limited', { status: 429 });
      primary.on('GET', '/v1/slow', { delayMs: 300 });
      await counted.client.call(query());
      await failed(counted.client.call(query({ api: 'recording.acquire', path: '/v1/limited' })));
      await failed(counted.client.call(query({ api: 'recording.stop', path: '/v1/slow', timeoutMs: 50, retry: 'none' })));
      const metrics = (await counted.app.inject({ url: '/metrics' })).body;
      expect(metrics).toContain('agora_upstream_requests_total{api="recording.query",outcome="error"} 1');
      expect(metrics).toContain('agora_upstream_requests_total{api="recording.query",outcome="ok"} 1');
      expect(metrics).toContain('agora_upstream_requests_total{api="recording.acquire",outcome="rate_limited"} 1');
      expect(metrics).toContain('agora_upstream_requests_total{api="recording.stop",outcome="timeout"} 1');
      expect(metrics).toContain('agora_upstream_request_duration_seconds_count{api="recording.query"} 2');
      expect(metrics).toMatch(/agora_upstream_request_duration_seconds_bucket\{le="0\.025",api="recording\.stop"\} 0/);
      const lines = counted.logs.filter((line) => line.includes('attempt'));
      expect(lines).toEqual([
        expect.stringMatching(/^warn recording\.query: GET to 127\.0\.0\.1:\d+, attempt 1, answered 500 in \d+ ms \(request req-1\)$/),
        expect.stringMatching(/^info recording\.query: GET to 127\.0\.0\.1:\d+, attempt 2, answered 200 in \d+ ms \(request req-1\)$/),
        expect.stringMatching(/^warn recording\.acquire: GET to .*, attempt 1, answered 429 in/),
        expect.stringMatching(/^warn recording\.stop: GET to .*, attempt 1, timed out in/),
      ]);
    } finally {
      await counted.close();
    }
  });
});
