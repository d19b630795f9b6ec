import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RtcRole, RtcTokenBuilder } from 'agora-token';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { postJson, validationProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { captureLogs, createTestApp } from './support/test-app.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const require = createRequire(import.meta.url);
const { RtcTokenBuilder: RtcTokenBuilder006 } = require('agora-token/src/RtcTokenBuilder.js') as {
  RtcTokenBuilder: { buildTokenWithUid(...args: unknown[]): string };
};
const { RtmTokenBuilder: RtmTokenBuilder006 } = require('agora-token/src/RtmTokenBuilder.js') as {
  RtmTokenBuilder: { buildToken(...args: unknown[]): string };
};

const keys = {
  backend: { id: 'backend', key: newApiKey() },
  support: { id: 'support', key: newApiKey(), kinds: ['inspect'] },
  rtcOnly: { id: 'rtc-only', key: newApiKey(), kinds: ['rtc'] },
} satisfies Record<string, TestKey>;
const STRANGER_APP_ID = '99999999999999999999999999999999';

interface Inspection {
  format: string;
  appId: string;
  project: string | null;
  issuedAt: string | null;
  expiresAt: string;
  secondsLeft: number;
  signatureValid: boolean;
  signedWith: string;
  services: Array<{ kind: string; channel?: string; user?: string; privileges: Record<string, { expiresAt: string | null }> }>;
  notes: string[];
}

describe('POST /v1/tokens/inspect (e2e, AUTH_MODE=apikey,jwt)', () => {
  let app: NestFastifyApplication;
  let jwks: JwksServer;
  const logs = captureLogs();

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp(
      { ...jwks.env('apikey,jwt'), API_KEYS_FILE: writeApiKeysFile(Object.values(keys)), LOG_LEVEL: 'trace', RATE_LIMIT_PER_MINUTE: '10000' },
      { requestLogs: true, logStream: logs.stream },
    );
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const inspect = (token: unknown, key: TestKey = keys.support) => postJson(app, '/v1/tokens/inspect', { token }, { 'x-api-key': key.key });
  const issued: string[] = [];

  it('explains a token this service issued: its project, primary certificate, services and expiries', async () => {
    const res = await postJson(app, '/v1/rtc/token', { channel: 'room', uid: 42, role: 'publisher', expireSeconds: 600 }, { 'x-api-key': keys.backend.key });
    const { token, expiresAt } = res.json<{ token: string; expiresAt: string }>();
    issued.push(token);

    const answer = await inspect(token);

    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const at = { expiresAt };
    expect(answer.json()).toEqual({
      format: '007',
      appId: TEST_APP_ID,
      project: 'default',
      issuedAt: expect.any(String),
      expiresAt,
      secondsLeft: expect.any(Number),
      expired: false,
      signatureValid: true,
      signedWith: 'primary',
      services: [{ kind: 'rtc', channel: 'room', user: '42', privileges: { joinChannel: at, publishAudio: at, publishVideo: at, publishData: at } }],
      notes: [],
    });
    const body = answer.json<Inspection>();
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt!)).toBe(600_000);
    expect(body.secondsLeft).toBeGreaterThan(590);
    expect(body.secondsLeft).toBeLessThanOrEqual(600);
  });

  it('says a token signed with another certificate for the same App ID is not genuine', async () => {
    const forged = RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, OTHER_CERTIFICATE, 'room', 42, RtcRole.PUBLISHER, 600, 600);
    const body = (await inspect(forged)).json<Inspection>();

    expect(body).toMatchObject({ project: 'default', signatureValid: false, signedWith: 'unknown' });
    expect(body.services).toEqual([expect.objectContaining({ kind: 'rtc', channel: 'room', user: '42' })]);
    expect(body.notes).toEqual([expect.stringContaining("None of project default's certificates signed this token")]);
  });

  it('answers 200 with project null and signatureValid false for an App ID configured nowhere here', async () => {
    const stranger = RtcTokenBuilder.buildTokenWithUid(STRANGER_APP_ID, TEST_APP_CERTIFICATE, 'room', 0, RtcRole.SUBSCRIBER, 60, 60);
    const res = await inspect(stranger);

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ appId: STRANGER_APP_ID, project: null, signatureValid: false, signedWith: 'unknown' });
    expect(res.json<Inspection>().notes).toContain('The RTC service has no uid (uid 0): any uid may join with it.');
  });

  describe('a legacy 006 token of the project', () => {
    const until = Math.floor(Date.now() / 1000) + 600;
    const at = { expiresAt: new Date(until * 1000).toISOString() };
    const rtc = RtcTokenBuilder006.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 42, 1, until);
    const inspect006 = async (body: object) =>
      (await postJson(app, '/v1/tokens/inspect', body, { 'x-api-key': keys.support.key })).json<Inspection>();

    it('is decoded, and says its signature needs the channel and user it holds only checksums of', async () => {
      const body = await inspect006({ token: rtc });

      expect(body).toMatchObject({ format: '006', project: 'default', issuedAt: null, signatureValid: false, signedWith: 'unknown' });
      expect(body.services).toEqual([{ kind: 'rtc', privileges: { joinChannel: at, publishAudio: at, publishVideo: at, publishData: at } }]);
      expect(body.notes[0]).toMatch(/^An AccessToken \(006\) signs its channel and uid but holds only their checksums/);
    });

    it('is verified with the channel and user it was built for, which then show in its services', async () => {
      const body = await inspect006({ token: rtc, channel: 'room', user: '42' });

      expect(body).toMatchObject({ signatureValid: true, signedWith: 'primary', notes: [] });
      expect(body.services).toEqual([{ kind: 'rtc', channel: 'room', user: '42', privileges: expect.any(Object) }]);
      const rtm = RtmTokenBuilder006.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'alice', 1, until);
      expect(await inspect006({ token: rtm, user: 'alice' })).toMatchObject({ signedWith: 'primary', services: [{ kind: 'rtm', user: 'alice' }] });
    });

    it('verifies a 006 token this service issued (format 006)', async () => {
      const issuedRes = await postJson(app, '/v1/rtc/token', { channel: 'room', account: 'alice', format: '006' }, { 'x-api-key': keys.backend.key });
      const token = issuedRes.json<{ token: string }>().token;
      issued.push(token);

      expect(token.startsWith('006')).toBe(true);
      expect(await inspect006({ token, channel: 'room', user: 'alice' })).toMatchObject({
        format: '006',
        signedWith: 'primary',
        services: [{ kind: 'rtc', channel: 'room', user: 'alice' }],
      });
    });

    it('says which of channel and user the token was not built for', async () => {
      expect((await inspect006({ token: rtc, channel: 'other', user: '42' })).notes[0]).toMatch(/^The token was not built for the channel given/);
      expect((await inspect006({ token: rtc, channel: 'room', user: 'alice' })).notes[0]).toMatch(/not for the user given \(a uid where an account/);
      const forged = RtcTokenBuilder006.buildTokenWithUid(TEST_APP_ID, OTHER_CERTIFICATE, 'room', 42, 1, until);
      expect(await inspect006({ token: forged, channel: 'room', user: '42' })).toMatchObject({ signatureValid: false, services: [{ kind: 'rtc' }] });
    });
  });

  it('answers a 400 naming token for anything that is not a token, never echoing it', async () => {
    const res = await inspect('not-a-token');
    expect(res.json()).toEqual(
      validationProblem('/v1/tokens/inspect', [{ field: 'token', message: 'token is not an Agora token: a token starts with 006 (AccessToken) or 007 (AccessToken2).' }]),
    );
    for (const body of [{}, { token: '' }, { token: 42 }, { token: null }]) {
      const refused = await postJson(app, '/v1/tokens/inspect', body, { 'x-api-key': keys.support.key });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ errors: Array<{ field: string }> }>().errors.map(({ field }) => field)).toEqual(['token']);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.base64String({ minLength: 4 }).map((text) => `007${text}`)), async (text) => {
        const refused = await inspect(text);
        expect(refused.statusCode).toBe(400);
        expect(refused.json<{ errors: Array<{ field: string }> }>().errors.map(({ field }) => field)).toEqual(['token']);
        if (text.length > 8) expect(refused.body).not.toContain(text);
      }),
      { numRuns: 40 },
    );
  });

  it('needs a caller, and refuses API keys without the inspect kind and end users, naming the rule', async () => {
    const token = issued[0];
    expect((await postJson(app, '/v1/tokens/inspect', { token })).statusCode).toBe(401);

    const rtcOnly = await inspect(token, keys.rtcOnly);
    expect(rtcOnly.statusCode).toBe(403);
    expect(rtcOnly.json()).toMatchObject({ rule: 'kinds', detail: "Refused by rule kinds: this API key's kinds do not include inspect." });
    expect(rtcOnly.body).not.toContain(token);

    const jwt = await jwks.sign({ sub: 'alice' });
    const endUser = await postJson(app, '/v1/tokens/inspect', { token }, { authorization: `Bearer ${jwt}` });
    expect(endUser.statusCode).toBe(403);
    expect(endUser.json()).toMatchObject({ rule: 'inspect' });

    expect((await inspect(token, keys.backend)).statusCode).toBe(200);
  });

  it('logs the request but never the token inspected or the certificate', () => {
    const written = logs.lines.map((line) => JSON.stringify(line)).join('\n');
    expect(written).toContain('/v1/tokens/inspect');
    expect(secretsFoundIn(written, { certificate: TEST_APP_CERTIFICATE, ...Object.fromEntries(issued.map((token, i) => [`token${i}`, token])) })).toEqual([]);
  });
});

describe('POST /v1/tokens/inspect shares the callers’ rate limit (e2e)', () => {
  it('counts inspections and token requests in one budget', async () => {
    const app = await createTestApp({ AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const token = (await postJson(app, '/v1/rtc/token', { channel: 'room' })).json<{ token: string }>().token;
      expect((await postJson(app, '/v1/tokens/inspect', { token })).statusCode).toBe(200);
      expect((await postJson(app, '/v1/tokens/inspect', { token })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
