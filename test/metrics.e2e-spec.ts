import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { captureLogs, createTestApp } from './support/test-app.js';

/** The value of one sample in Prometheus text format, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => present.includes(label)) && present.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload });
  const scrape = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('counts issued tokens by kind, refusals by reason and times requests by route pattern', async () => {
    const before = await scrape();
    const count = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;

    for (const payload of [{ channel: 'a', uid: 1 }, { channel: 'b', uid: 2 }]) {
      expect((await post('/v1/rtc/token', payload)).statusCode).toBe(200);
    }
    expect((await post('/v1/rtm/token', { userId: 'alice', channel: 'room' })).statusCode).toBe(200);
    expect((await post('/v1/chat/token', { userId: 'alice' })).statusCode).toBe(200);
    expect((await post('/v1/chat/token', {})).statusCode).toBe(200);
    expect((await post('/v1/rtc/token', { channel: '' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/rtc/token', payload: 'x', headers: { 'content-type': 'text/plain' } }))
        .statusCode,
    ).toBe(415);
    expect((await app.inject({ method: 'GET', url: '/v1/rtc/nowhere/42' })).statusCode).toBe(404);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => count(after, name, labels) - count(before, name, labels);

    expect(delta('agora_tokens_issued_total', { kind: 'rtc', project: 'default' })).toBe(2);
    // An RTM token with a stream channel is one token, of kind rtm.
    expect(delta('agora_tokens_issued_total', { kind: 'rtm', project: 'default' })).toBe(1);
    expect(delta('agora_tokens_issued_total', { kind: 'chat-user', project: 'default' })).toBe(1);
    expect(delta('agora_tokens_issued_total', { kind: 'chat-app', project: 'default' })).toBe(1);
    expect(delta('http_requests_refused_total', { reason: 'validation' })).toBe(2);

    const rtc200 = { method: 'POST', route: '/v1/rtc/token', status_code: '200' };
    expect(delta('http_request_duration_seconds_count', rtc200)).toBe(2);
    expect(delta('http_request_duration_seconds_count', { ...rtc200, status_code: '400' })).toBe(1);
    // Route patterns, never raw URLs: unknown paths share one series.
    expect(after).not.toContain('/v1/rtc/nowhere/42');
    expect(delta('http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
  });

  it("exposes Node's default process metrics in Prometheus text format", async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });

    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(sample(response.body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(response.body).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('is left out of the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();

    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const METRICS_TOKEN = 'scrape-secret-0123456789';
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ METRICS_TOKEN });
  });
  afterAll(() => app.close());

  const scrape = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('answers the scraper that sends the token', async () => {
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('process_resident_memory_bytes');
  });

  it.each([
    ['no credentials', undefined],
    ['a wrong token', 'Bearer scrape-secret-0123456780'],
    ['another scheme', `Basic ${METRICS_TOKEN}`],
  ])('refuses %s with a 401 problem that does not echo the token', async (_case, authorization) => {
    const response = await scrape(authorization);

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/metrics' });
    expect(response.body).not.toContain(METRICS_TOKEN);
  });

  it('counts those refusals as auth refusals', async () => {
    const refusals = async () => sample((await scrape(`Bearer ${METRICS_TOKEN}`)).body, 'http_requests_refused_total', { reason: 'auth' });
    const before = await refusals();
    await scrape();

    expect(await refusals()).toBe((before ?? 0) + 1);
  });

  it('refuses to start with a token too short to be a secret', async () => {
    await expect(createTestApp({ METRICS_TOKEN: 'short' })).rejects.toThrow(
      'METRICS_TOKEN must be at least 16 characters without spaces',
    );
  });
});

describe('Refusals by caller security (AUTH_MODE=apikey)', () => {
  const key = newApiKey();
  const logs = captureLogs();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp(
      {
        AUTH_MODE: 'apikey',
        API_KEYS_FILE: writeApiKeysFile([{ id: 'backend', key, channels: ['room'] }]),
        RATE_LIMIT_PER_MINUTE: '3',
      },
      { requestLogs: true, logStream: logs.stream },
    );
  });
  afterAll(() => app.close());

  const issue = (headers: Record<string, string>, channel = 'room') =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', headers, payload: { channel, uid: 1 } });

  it('counts 401 and 403 as auth refusals and 429 as rate-limit refusals; /metrics needs no API key', async () => {
    expect((await issue({})).statusCode).toBe(401);
    expect((await issue({ 'x-api-key': key }, 'elsewhere')).statusCode).toBe(403);
    expect((await issue({ 'x-api-key': key })).statusCode).toBe(200);
    expect((await issue({ 'x-api-key': key })).statusCode).toBe(200);
    expect((await issue({ 'x-api-key': key })).statusCode).toBe(429);

    const scrape = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(sample(scrape.body, 'http_requests_refused_total', { reason: 'auth' })).toBe(2);
    expect(sample(scrape.body, 'http_requests_refused_total', { reason: 'rate_limit' })).toBe(1);
    expect(sample(scrape.body, 'agora_tokens_issued_total', { kind: 'rtc', project: 'default' })).toBe(2);
  });

  it('logs the caller (the key id, never the key) with each issued token', () => {
    const issued = logs.lines.filter((line) => line.issued);

    expect(issued).toHaveLength(2);
    for (const line of issued) expect(line).toMatchObject({ caller: { kind: 'apikey', id: 'backend' }, issued: [{ kind: 'rtc', channel: 'room', user: 1 }] });
    expect(JSON.stringify(logs.lines)).not.toContain(key);
  });
});
