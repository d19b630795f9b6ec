import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { captureLogs, createTestApp } from './support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Request ids (X-Request-Id)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const issue = (headers: Record<string, string>, payload: Record<string, unknown> = { channel: 'room', uid: 7 }) =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', headers, payload });

  it('echoes the id the caller sent', async () => {
    const response = await issue({ 'x-request-id': 'client-abc-123' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('client-abc-123');
  });

  it('generates a UUID when the caller sends none, and when what it sends is unsafe', async () => {
    const none = await issue({});
    const unsafe = await issue({ 'x-request-id': 'bad id with spaces' });
    const tooLong = await issue({ 'x-request-id': 'x'.repeat(129) });

    for (const response of [none, unsafe, tooLong]) expect(response.headers['x-request-id']).toMatch(UUID);
    expect(none.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
  });

  it('puts the id in problem bodies, for validation errors and unknown routes alike', async () => {
    const invalid = await issue({ 'x-request-id': 'req-invalid-1' }, { channel: '' });
    const missing = await app.inject({ method: 'GET', url: '/no-such-route', headers: { 'x-request-id': 'req-404' } });

    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ status: 400, requestId: 'req-invalid-1' });
    expect(invalid.headers['x-request-id']).toBe('req-invalid-1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, requestId: 'req-404' });
  });

  it('generated ids appear in the problem body and the header alike', async () => {
    const response = await issue({}, { channel: 'room', uid: -1 });

    expect(response.json().requestId).toBe(response.headers['x-request-id']);
  });

  it('tags the lines logged while handling a request with its id, not only the request line', async () => {
    const debugLogs = captureLogs();
    const keyed = await createTestApp(
      { AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key: newApiKey() }]), LOG_LEVEL: 'debug' },
      { requestLogs: true, logger: false, logStream: debugLogs.stream },
    );
    try {
      await keyed.inject({ method: 'POST', url: '/v1/rtc/token', headers: { 'x-request-id': 'req-traced-42', 'x-api-key': newApiKey() }, payload: {} });
    } finally {
      await keyed.close();
    }

    const traced = debugLogs.lines.filter((line) => line.requestId === 'req-traced-42').map((line) => line.msg);
    expect(traced).toEqual(['Refused credentials on /v1/rtc/token: unknown API key', 'request completed']);
  });
});
