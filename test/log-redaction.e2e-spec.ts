import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

/**
 * Runs the app with every log on at the most verbose level (Fastify's
 * request logs at trace, Nest's at verbose), calls it with good and bad
 * credentials on every kind of route, and searches everything written for
 * a secret.
 */
describe('Logs never carry a secret (e2e, LOG_LEVEL=trace)', () => {
  const apiKey = newApiKey();
  let jwks: JwksServer;

  beforeAll(async () => {
    jwks = await JwksServer.start();
  });
  afterAll(() => jwks.stop());

  /** Everything the app writes while `fn` runs: pino's stream, and Nest's logger on stdout/stderr. */
  async function everythingWritten(fn: (app: NestFastifyApplication) => Promise<void>): Promise<string> {
    let written = '';
    const capture = (chunk: unknown) => {
      written += String(chunk);
      return true;
    };
    const restores = [process.stdout, process.stderr].map((stream) => {
      const write = stream.write;
      stream.write = capture as typeof stream.write;
      return () => {
        stream.write = write;
      };
    });
    let app: NestFastifyApplication | undefined;
    try {
      app = await createTestApp(
        {
          ...jwks.env('apikey,jwt'),
          API_KEYS_FILE: writeApiKeysFile([{ id: 'backend', key: apiKey, channels: ['room'] }]),
          LOG_LEVEL: 'trace',
        },
        {
          requestLogs: true,
          logger: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
          logStream: { write: capture },
        },
      );
      await fn(app);
    } finally {
      await app?.close();
      restores.forEach((restore) => restore());
    }
    return written;
  }

  it('writes request logs and refusals, but no certificate, API key, JWT or issued token', async () => {
    const jwt = await jwks.sign({ sub: 'alice' });
    const badJwt = await jwks.sign({ sub: 'alice' }, { key: jwks.stranger });
    const wrongKey = newApiKey();
    const issued: string[] = [];
    const statuses: number[] = [];

    const written = await everythingWritten(async (app) => {
      const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
        const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        const body = res.body.startsWith('{') ? (res.json() as Record<string, unknown>) : {};
        for (const field of ['token', 'rtcToken', 'rtmToken', 'chatToken']) {
          if (typeof body[field] === 'string') issued.push(body[field] as string);
        }
        statuses.push(res.statusCode);
      };
      await call('POST', '/v1/rtc/token', { 'x-api-key': apiKey }, { channel: 'room', uid: 1 });
      await call('POST', '/v1/rtm/token', { authorization: `Bearer ${apiKey}` }, { userId: 'bob', channel: 'room' });
      await call('POST', '/v1/chat/token', { authorization: `Bearer ${jwt}` }, {});
      await call('GET', '/rtc/room/publisher/userAccount/alice/?expiry=600', { authorization: `Bearer ${jwt}` });
      await call('POST', '/getToken', { 'x-api-key': apiKey }, { tokenType: 'chat' });
      await call('POST', '/v1/rtc/token', { 'x-api-key': wrongKey }, { channel: 'room' });
      await call('POST', '/v1/rtc/token', { authorization: `Bearer ${badJwt}` }, { channel: 'room' });
      await call('POST', '/v1/rtc/token', { 'x-api-key': apiKey }, { channel: 'elsewhere' });
      await call('POST', '/v1/rtc/token', { 'x-api-key': apiKey }, { channel: 'room', note: apiKey });
    });

    expect(statuses).toEqual([200, 200, 200, 200, 200, 401, 401, 403, 400]);
    expect(issued).toHaveLength(5);
    // The capture works: request logs (one line per request) and the debug line for each refused credential are there.
    expect(written.match(/"msg":"request completed"/g)).toHaveLength(statuses.length);
    expect(written.match(/Refused credentials/g)).toHaveLength(2);

    const secrets = {
      certificate: TEST_APP_CERTIFICATE,
      apiKey,
      wrongKey,
      jwt,
      jwtSignature: jwt.split('.')[2],
      badJwt,
      ...Object.fromEntries(issued.map((token, i) => [`issued token ${i + 1}`, token])),
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, found: written.includes(secret) }).toEqual({ name, found: false });
    }
  });
});
