import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { captureLogs, createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

describe('Logs', () => {
  let app: NestFastifyApplication;
  const logs = captureLogs();

  beforeAll(async () => {
    // No `logger` option: Nest's own messages go through pino as well, as in production.
    app = await createTestApp({}, { requestLogs: true, logger: undefined, logStream: logs.stream });
  });
  afterAll(() => app.close());

  const post = (url: string, payload: Record<string, unknown>, id: string) =>
    app.inject({ method: 'POST', url, payload, headers: { 'x-request-id': id } });
  const linesOf = (id: string) => logs.lines.filter((line) => line.requestId === id);

  it('writes one JSON line per request with method, route pattern, status and duration', async () => {
    await post('/v1/rtc/token', { channel: 'room', uid: 7 }, 'log-one');
    await app.inject({ method: 'GET', url: '/health/live?verbose=1', headers: { 'x-request-id': 'log-two' } });

    const [issued] = linesOf('log-one');
    expect(linesOf('log-one')).toHaveLength(1);
    expect(issued).toMatchObject({
      level: 'info',
      msg: 'request completed',
      method: 'POST',
      route: '/v1/rtc/token',
      statusCode: 200,
    });
    expect(typeof issued.durationMs).toBe('number');
    expect(typeof issued.time).toBe('number');
    expect(linesOf('log-two')).toEqual([expect.objectContaining({ route: '/health/live', statusCode: 200 })]);
  });

  it('says what each issued token grants (kind, channel, user), never the token', async () => {
    const rtc = await post('/v1/rtc/token', { channel: 'room', account: 'alice' }, 'tok-rtc');
    const rtm = await post('/v1/rtm/token', { userId: 'bob', channel: 'stream' }, 'tok-rtm');
    const user = await post('/v1/chat/token', { userId: 'carol' }, 'tok-chat-user');
    const appToken = await post('/v1/chat/token', {}, 'tok-chat-app');

    expect(linesOf('tok-rtc')[0].issued).toEqual([{ kind: 'rtc', channel: 'room', user: 'alice' }]);
    expect(linesOf('tok-rtm')[0].issued).toEqual([{ kind: 'rtm', channel: 'stream', user: 'bob' }]);
    expect(linesOf('tok-chat-user')[0].issued).toEqual([{ kind: 'chat-user', user: 'carol' }]);
    expect(linesOf('tok-chat-app')[0].issued).toEqual([{ kind: 'chat-app' }]);

    const everything = logs.lines.map((line) => JSON.stringify(line)).join('\n');
    for (const response of [rtc, rtm, user, appToken]) {
      expect(response.statusCode).toBe(200);
      expect(everything).not.toContain(response.json().token);
    }
    expect(everything).not.toContain(TEST_APP_CERTIFICATE);
  });

  it('says what the legacy routes issue too, one entry per token', async () => {
    const rte = await app.inject({ method: 'GET', url: '/rte/room/publisher/uid/7/dave', headers: { 'x-request-id': 'tok-rte' } });

    expect(rte.statusCode).toBe(200);
    expect(linesOf('tok-rte')).toEqual([
      expect.objectContaining({
        route: '/rte/:channelName/:role/:tokenType/:rtcuid/:rtmuid',
        issued: [
          { kind: 'rtc', channel: 'room', user: 7 },
          { kind: 'rtm', channel: 'room', user: 'dave' },
        ],
      }),
    ]);
  });

  it('logs refused requests once, without an issued token', async () => {
    await post('/v1/rtc/token', { channel: 'room', uid: -1 }, 'log-refused');

    expect(linesOf('log-refused')).toEqual([
      expect.objectContaining({ statusCode: 400, route: '/v1/rtc/token', msg: 'request completed', caller: expect.objectContaining({ kind: 'anonymous' }) }),
    ]);
    expect(linesOf('log-refused')[0]).not.toHaveProperty('issued');
  });

  it('logs a request no route matched without its path, which may hold what a caller sent to the wrong URL', async () => {
    const secret = 'k-3f9a1c7e5b2d8064';
    await app.inject({ method: 'GET', url: `/rtm/${secret}/extra?key=${secret}`, headers: { 'x-request-id': 'log-unmatched' } });
    await app.inject({ method: 'GET', url: `/v1/stream-keys/%E0%A4%A${secret}`, headers: { 'x-request-id': 'log-malformed' } });

    expect(linesOf('log-unmatched')).toEqual([expect.objectContaining({ route: '(no route)', statusCode: 404 })]);
    expect(linesOf('log-malformed')).toEqual([expect.objectContaining({ route: expect.not.stringContaining(secret), statusCode: 400 })]);
    expect(JSON.stringify(logs.lines)).not.toContain(secret);
  });

  it("writes Nest's own messages as JSON lines with their context", () => {
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'info', context: 'NestApplication', msg: 'Nest application successfully started' }),
    );
  });
});

describe('LOG_LEVEL', () => {
  it('drops request lines below the configured level', async () => {
    const logs = captureLogs();
    const app = await createTestApp({ LOG_LEVEL: 'warn' }, { requestLogs: true, logStream: logs.stream });
    try {
      const response = await app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' } });

      const log = app.getHttpAdapter().getInstance().log;
      log.info('an info line');
      log.warn('a warning');

      expect(response.statusCode).toBe(200);
      // Filtered by level, not silenced: the warning is written, the info lines are not.
      expect(logs.lines.map((line) => line.msg)).toEqual(['a warning']);
    } finally {
      await app.close();
    }
  });
});
