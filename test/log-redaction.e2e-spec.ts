import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { JwksServer } from './support/jwks-server.js';
import { RawConnection } from './support/raw-http.js';
import { encodingsOf, secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

/**
 * Runs the app with every log on at the most verbose level (Fastify's
 * request logs at trace, Nest's at verbose), calls it with good and bad
 * credentials on every kind of route, and with requests malformed enough
 * that Node's HTTP parser refuses them, and searches everything written for
 * a secret in every form a log line can carry it in (see encodingsOf).
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
    expect(secretsFoundIn(written, secrets)).toEqual([]);
  });

  it('logs malformed requests carrying credentials without their bytes, in any encoding', async () => {
    const jwt = await jwks.sign({ sub: 'alice' });
    const key = `X-API-Key: ${apiKey}\r\n`;
    const bearer = `Authorization: Bearer ${jwt}\r\n`;
    const requests: Array<[status: number, request: string]> = [
      [400, `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${key}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
      [400, `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${bearer}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
      [431, `GET /ping HTTP/1.1\r\nHost: x\r\n${key}X-Filler: ${'f'.repeat(20_000)}\r\n\r\n`],
      [400, `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${bearer}Bad Header: 1\r\n\r\n`],
      [400, `POST /v1/rtc/token HTTP/1.7\r\nHost: x\r\n${key}\r\n`],
      [400, `GET /rtc/%zz/publisher/uid/1/ HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`],
      [414, `GET /rtm/${'u'.repeat(2000)}/ HTTP/1.1\r\nHost: x\r\n${bearer}Connection: close\r\n\r\n`],
      [400, `OPTIONS /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${bearer}Connection: close\r\n\r\n`],
    ];
    const statuses: number[] = [];

    const written = await everythingWritten(async (app) => {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      for (const [, request] of requests) {
        const connection = await RawConnection.open(port);
        connection.write(request);
        statuses.push((await connection.response()).status);
        await connection.closed;
      }
    });

    expect(statuses).toEqual(requests.map(([status]) => status));
    expect(secretsFoundIn(written, { apiKey, jwt, jwtSignature: jwt.split('.')[2] })).toEqual([]);
    // The capture works: each request the parser refused is logged, each routed one has its request line.
    expect(written.match(/"msg":"Unreadable request"/g)).toHaveLength(5);
    expect(written.match(/"msg":"request completed"/g)).toHaveLength(3);
  });

  describe('the search itself', () => {
    const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((array) => Buffer.from(array));
    /** How a value holding the secret among other bytes can be written out. */
    const writers: Record<string, (value: Buffer) => string> = {
      'JSON of a Buffer': (value) => JSON.stringify({ rawPacket: value }),
      base64: (value) => value.toString('base64'),
      base64url: (value) => value.toString('base64url'),
      hex: (value) => value.toString('hex'),
      HEX: (value) => value.toString('hex').toUpperCase(),
      'URL-encoded': (value) => encodeURIComponent(value.toString('latin1')),
    };

    const secretArbitrary = fc.string({ minLength: 16, maxLength: 80, unit: 'grapheme-ascii' });

    it('finds a secret inside any longer value, in each form', () => {
      fc.assert(
        fc.property(secretArbitrary, bytes(0, 7), bytes(0, 7), fc.constantFrom(...Object.keys(writers)), (secret, before, after, form) => {
          const text = writers[form](Buffer.concat([before, Buffer.from(secret), after]));
          expect(secretsFoundIn(`{"msg":"x","value":${JSON.stringify(text)}}`, { secret })).not.toEqual([]);
        }),
      );
    });

    it('gives no form so short that it would match by chance', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 16, maxLength: 80 }), (secret) => {
          for (const encoded of Object.values(encodingsOf(secret))) expect(encoded.length).toBeGreaterThanOrEqual(16);
        }),
      );
    });
  });
});
