import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { createTokenServiceClient, OPERATION_ROUTES, type Problem, type TokenServiceClient } from '../clients/typescript/src/index.js';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken, type DecodedToken } from './support/decode-token.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { CLIENT_SPEC_OPERATIONS, listenLocally, trackedClient, type OperationName } from './support/typed-client.js';

const TOKEN_KINDS = ['rtc', 'rtm', 'chat', 'chat-app', 'fpa', 'classroom', 'classroom-app', 'rtc-rtm', 'convoai', 'stt', 'inspect'];

/** A token the service signed: genuine (its signature verifies with the test certificate), for the test App ID. */
function genuine(token: string): DecodedToken {
  const decoded = decodeToken(token);
  expect({ appId: decoded.appId, verifies: decoded.verifies(TEST_APP_CERTIFICATE) }).toEqual({ appId: TEST_APP_ID, verifies: true });
  return decoded;
}

/**
 * The typed client (clients/typescript) against the real app over a real port: every token operation and the health
 * routes called through their generated functions, answers read as the client types them, and the refusals a caller
 * meets (400, 401, 403, 429) read as typed problems. test/client-agora-services covers the Agora-backed operations.
 */
describe('Typed client: tokens, health and refusals (e2e, real port)', () => {
  const called = new Set<OperationName>();
  const keys = { backend: newApiKey(), rtcOnly: newApiKey() };
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let client: TokenServiceClient;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    const keysFile = writeApiKeysFile([{ id: 'backend', key: keys.backend, kinds: TOKEN_KINDS }, { id: 'rtc-only', key: keys.rtcOnly, kinds: ['rtc'] }]);
    app = await createTestApp({ ...jwks.env('apikey,jwt'), API_KEYS_FILE: keysFile, RATE_LIMIT_PER_MINUTE: '100000' });
    baseUrl = await listenLocally(app);
    // A function: the credential is read on every request (a key or JWT that rotates).
    client = trackedClient({ baseUrl, apiKey: async () => keys.backend }, called);
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  it('gets an RTC token for an end user in the README’s three lines (JWT as bearer)', async () => {
    const userJwt = await jwks.sign({ sub: 'alice' });
    const tokens = trackedClient({ baseUrl, token: userJwt }, called);
    const { data, error } = await tokens.createRtcToken({ body: { channel: 'demo-room' } });

    expect(error).toBeUndefined();
    const token = genuine(data!.token);
    expect(token.rtc).toEqual({ channel: 'demo-room', uid: 'alice', privileges: { joinChannel: data!.expireSeconds } });
    expect(data).toMatchObject({ channel: 'demo-room', account: 'alice', role: 'subscriber', appId: TEST_APP_ID, project: 'default' });
    expect(Date.parse(data!.expiresAt) / 1000).toBe(token.issueTs + token.expire);
  });

  it('issues RTC, RTM and Chat tokens with an API key, as requested', async () => {
    const rtc = await client.createRtcToken({ body: { channel: 'demo-room', uid: 42, role: 'publisher', expireSeconds: 600 } });
    const rtm = await client.createRtmToken({ body: { userId: 'alice', expireSeconds: 300 } });
    const chat = await client.createChatToken({ body: { userId: 'alice', expireSeconds: 120 } });

    const all = { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 };
    expect(genuine(rtc.data!.token).rtc).toEqual({ channel: 'demo-room', uid: '42', privileges: all });
    expect(rtc.data).toMatchObject({ uid: 42, role: 'publisher', expireSeconds: 600 });
    expect(genuine(rtm.data!.token).rtm).toEqual({ userId: 'alice', privileges: { login: 300 } });
    expect(genuine(chat.data!.token).chat).toEqual({ userId: 'alice', privileges: { user: 120 } });
    expect(chat.data).toMatchObject({ kind: 'user', userId: 'alice' });
  });

  it('issues the RTC + Signaling, agent and speech-to-text tokens with both services', async () => {
    const rtcRtm = await client.createRtcRtmToken({ body: { channel: 'room-1', account: 'bob', role: 'publisher', expireSeconds: 600 } });
    const convoai = await client.createConvoaiToken({ body: { channel: 'ai-room', uid: 1001, rtmUserId: 'agent-1', expireSeconds: 900 } });
    const stt = await client.createSttToken({ body: { channel: 'ai-room', uid: 1002, expireSeconds: 900 } });

    expect(genuine(rtcRtm.data!.token)).toMatchObject({ rtc: { channel: 'room-1', uid: 'bob' }, rtm: { userId: 'bob', privileges: { login: 600 } } });
    expect(genuine(convoai.data!.token)).toMatchObject({ rtc: { channel: 'ai-room', uid: '1001' }, rtm: { userId: 'agent-1' }, serviceCount: 3 });
    expect(genuine(stt.data!.token)).toMatchObject({ rtc: { channel: 'ai-room', uid: '1002' }, serviceCount: 3 });
    expect(convoai.data).toMatchObject({ uid: 1001, rtmUserId: 'agent-1', expireSeconds: 900 });
  });

  it('issues FPA and Flexible Classroom tokens', async () => {
    const fpa = await client.createFpaToken();
    const room = await client.createClassroomToken({ body: { roomUuid: 'math-101', userUuid: 'alice', role: 'assistant', expireSeconds: 900 } });
    const user = await client.createClassroomUserToken({ body: { userUuid: 'bob', expireSeconds: 900 } });
    const appToken = await client.createClassroomAppToken({ body: { expireSeconds: 900 } });

    expect(genuine(fpa.data!.token)).toMatchObject({ expire: 86_400, serviceCount: 1 });
    const md5 = createHash('md5').update('alice').digest('hex');
    expect(genuine(room.data!.token)).toMatchObject({ rtm: { userId: 'alice', privileges: { login: 900 } }, chat: { userId: md5, privileges: { user: 900 } } });
    expect(room.data).toMatchObject({ roomUuid: 'math-101', userUuid: 'alice', role: 'assistant', chatUserId: md5 });
    expect(genuine(user.data!.token)).toMatchObject({ expire: 900 });
    expect(user.data).toMatchObject({ userUuid: 'bob', expireSeconds: 900 });
    expect(genuine(appToken.data!.token)).toMatchObject({ expire: 900 });
  });

  it('inspects a token the client got: genuine, for its channel and user', async () => {
    const issued = await client.createRtcToken({ body: { channel: 'inspected', uid: 7 } });
    const { data } = await client.inspectToken({ body: { token: issued.data!.token } });

    expect(data).toMatchObject({ format: '007', appId: TEST_APP_ID, project: 'default', signatureValid: true, expired: false, expiresAt: issued.data!.expiresAt });
    expect(data!.services).toEqual([expect.objectContaining({ kind: 'rtc', channel: 'inspected', user: '7' })]);
  });

  it('reads health, liveness, readiness and ping', async () => {
    const [health, live, ready, ping] = await Promise.all([client.getHealth(), client.getHealthLive(), client.getHealthReady(), client.getPing()]);

    expect(health.data).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    expect([live.data!.status, ready.data!.status]).toEqual(['ok', 'ok']);
    expect(ping.response.status).toBe(200);
    expect(ping.data).toEqual(expect.objectContaining({ message: 'pong' }));
  });

  it('reads a 400 as a typed problem naming each rejected field', async () => {
    const { data, error, response } = await client.createRtcToken({ body: { channel: 'demo-room', uid: 2 ** 32 } });
    const problem: Problem | undefined = error;

    expect(data).toBeUndefined();
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem).toMatchObject({ status: 400, instance: '/v1/rtc/token', errors: [{ field: 'uid', message: 'uid must not be greater than 4294967295' }] });
  });

  it('reads a 401 without a key, or with a wrong one, with the challenge', async () => {
    for (const apiKey of [undefined, newApiKey()]) {
      const { error, response } = await trackedClient({ baseUrl, apiKey }, called).createRtcToken({ body: { channel: 'demo-room' } });

      expect({ apiKey: apiKey !== undefined, status: error?.status, type: error?.type }).toEqual({ apiKey: apiKey !== undefined, status: 401, type: expect.any(String) });
      expect(response.headers.get('www-authenticate')).toMatch(/ApiKey|Bearer/);
    }
  });

  it('refuses a token and an API key together: a type error, and a TypeError at run time', () => {
    const both = { baseUrl, token: 'a-jwt', apiKey: newApiKey() };
    // @ts-expect-error -- the options take one credential: giving both must not compile.
    expect(() => createTokenServiceClient(both)).toThrow(TypeError);
  });

  it('reads a 403 naming the rule when the key may not get that kind of token', async () => {
    const { error } = await trackedClient({ baseUrl, apiKey: keys.rtcOnly }, called).createChatToken({ body: { userId: 'alice' } });

    expect(error).toMatchObject({ status: 403, rule: 'kinds' });
  });

  it('reads a 429 with Retry-After once the app’s rate limit is spent', async () => {
    const key = newApiKey();
    const limited = await createTestApp({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key }]), RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const tokens = trackedClient({ baseUrl: await listenLocally(limited), apiKey: key }, called);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await tokens.createRtmToken({ body: { userId: `user-${i}` } }));

      expect(answers.map(({ response }) => response.status)).toEqual([200, 200, 429]);
      expect(answers[2].error).toMatchObject({ status: 429 });
      expect(Number(answers[2].response.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('has a function for every /v1 operation the document serves, and these specs call every function', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const served = Object.entries(document.paths).flatMap(([path, item]) => (path.startsWith('/v1/') ? Object.keys(item).map((method) => `${method} ${path}`) : []));
    const offered = Object.values(OPERATION_ROUTES).map(({ method, path }) => `${method} ${path}`);
    const covered = [...CLIENT_SPEC_OPERATIONS.tokens, ...CLIENT_SPEC_OPERATIONS.agoraServices];

    expect(offered.filter((route) => route.includes(' /v1/')).sort()).toEqual(served.sort());
    expect([...covered].sort()).toEqual(Object.keys(OPERATION_ROUTES).sort());
    expect([...called].sort()).toEqual([...CLIENT_SPEC_OPERATIONS.tokens].sort());
  });
});
