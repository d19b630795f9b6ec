import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { get, postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

interface LegacyRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: object;
  /** The route as the OpenAPI document names it. */
  documented: string;
}

/** One valid request per legacy route. */
const LEGACY_REQUESTS: LegacyRequest[] = [
  { method: 'POST', url: '/getToken', body: { tokenType: 'chat' }, documented: '/getToken' },
  { method: 'POST', url: '/token/getNew', body: { tokenType: 'chat' }, documented: '/token/getNew' },
  { method: 'GET', url: '/rtc/room/publisher/uid/1', documented: '/rtc/{channelName}/{role}/{tokenType}/{uid}' },
  { method: 'GET', url: '/rtm/alice', documented: '/rtm/{uid}' },
  { method: 'GET', url: '/rte/room/publisher/uid/1', documented: '/rte/{channelName}/{role}/{tokenType}/{rtcuid}' },
  {
    method: 'GET',
    url: '/rte/room/publisher/uid/1/alice',
    documented: '/rte/{channelName}/{role}/{tokenType}/{rtcuid}/{rtmuid}',
  },
  { method: 'GET', url: '/chat/app', documented: '/chat/app' },
  { method: 'GET', url: '/chat/account/alice', documented: '/chat/account/{chatid}' },
  { method: 'GET', url: '/access_token?channelName=room', documented: '/access_token' },
  { method: 'POST', url: '/rtctoken', body: { channel: 'room' }, documented: '/rtctoken' },
  { method: 'POST', url: '/rtmtoken', body: { user: 'alice' }, documented: '/rtmtoken' },
  { method: 'POST', url: '/fetch_rtm_token', body: { uid: 'alice' }, documented: '/fetch_rtm_token' },
];

/**
 * The Go fork's cloud recording routes, documented with the others; they record only with REST credentials and
 * storage configured, so test/compat-cloud-recording*.e2e-spec.ts call them (and LEGACY_ROUTES=false) against a fake Agora.
 */
const FORK_RECORDING_ROUTES = [
  'POST /cloud_recording/start',
  'POST /cloud_recording/stop',
  'GET /cloud_recording/status',
  'POST /cloud_recording/update/subscriber-list',
  'POST /cloud_recording/update/layout',
];
const FORK_PUSH_ROUTES = ['POST /rtmp/push/start', 'POST /rtmp/push/stop', 'POST /rtmp/push/update', 'GET /rtmp/push/list'];
const FORK_PULL_ROUTES = ['POST /rtmp/pull/start', 'POST /rtmp/pull/stop', 'POST /rtmp/pull/update', 'GET /rtmp/pull/list'];
const FORK_RTT_ROUTES = ['POST /rtt/start', 'POST /rtt/stop/{taskId}', 'DELETE /rtt/stop/{taskId}', 'DELETE /rtt/stop', 'GET /rtt/status/{taskId}'];

function send(app: NestFastifyApplication, { method, url, body }: LegacyRequest) {
  return method === 'GET' ? get(app, url) : postJson(app, url, body);
}

interface Operation {
  tags?: string[];
  deprecated?: boolean;
  summary?: string;
  description?: string;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

describe('LEGACY_ROUTES', () => {
  it.each([{}, { LEGACY_ROUTES: 'true' }])('serves every legacy route by default and when true (%o)', async (env) => {
    const app = await createTestApp(env);
    try {
      for (const request of LEGACY_REQUESTS) {
        expect([request.url, (await send(app, request)).statusCode]).toEqual([request.url, 200]);
      }
    } finally {
      await app.close();
    }
  });

  describe('=false', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await createTestApp({ LEGACY_ROUTES: 'false' });
    });
    afterAll(() => app.close());

    it('answers every legacy route 404', async () => {
      for (const request of LEGACY_REQUESTS) {
        expect([request.url, (await send(app, request)).statusCode]).toEqual([request.url, 404]);
      }
    });

    it('still serves /v1 and /ping', async () => {
      expect((await postJson(app, '/v1/rtc/token', { channel: 'room', uid: 1 })).statusCode).toBe(200);
      expect((await postJson(app, '/v1/rtm/token', { userId: 'alice' })).statusCode).toBe(200);
      expect((await postJson(app, '/v1/chat/token', {})).statusCode).toBe(200);
      expect((await get(app, '/ping')).json()).toEqual({ message: 'pong' });
    });

    it('leaves the compatibility routes out of the OpenAPI document', async () => {
      const paths = (await get(app, '/docs-json')).json<{ paths: Paths }>().paths;

      expect(Object.keys(paths).sort()).toEqual([
        '/health',
        '/health/live',
        '/health/ready',
        '/ping',
        '/v1/chat/token',
        '/v1/classroom/app-token',
        '/v1/classroom/token',
        '/v1/classroom/user-token',
        '/v1/convoai/token',
        '/v1/fpa/token',
        '/v1/media-pull',
        '/v1/media-pull/{id}',
        '/v1/media-push',
        '/v1/media-push/{id}',
        '/v1/recordings',
        '/v1/recordings/{id}',
        '/v1/recordings/{id}/layout',
        '/v1/recordings/{id}/subscriptions',
        '/v1/rtc-rtm/token',
        '/v1/rtc/token',
        '/v1/rtm/token',
        '/v1/stream-keys',
        '/v1/stream-keys/{id}',
        '/v1/stt/token',
        '/v1/tokens/inspect',
        '/v1/transcriptions',
        '/v1/transcriptions/{id}',
      ]);
    });
  });

  it('refuses to start with a value other than true or false, naming the variable', async () => {
    await expect(createTestApp({ LEGACY_ROUTES: 'off' })).rejects.toThrow('LEGACY_ROUTES must be true or false');
  });
});

describe('OpenAPI document of the legacy routes', () => {
  let paths: Paths;

  beforeAll(async () => {
    const app = await createTestApp();
    paths = (await get(app, '/docs-json')).json<{ paths: Paths }>().paths;
    await app.close();
  });

  const legacy = () =>
    Object.entries(paths)
      .filter(([path]) => !path.startsWith('/v1/') && !path.startsWith('/health') && path !== '/ping')
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })));

  it('documents every legacy route', () => {
    const documented = legacy().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    const served = [...LEGACY_REQUESTS.map(({ method, documented }) => `${method} ${documented}`), ...FORK_RECORDING_ROUTES, ...FORK_PUSH_ROUTES, ...FORK_PULL_ROUTES, ...FORK_RTT_ROUTES];

    expect(documented.sort()).toEqual(served.sort());
  });

  it('tags each one "compatibility", marks it deprecated and names the /v1 route to move to', () => {
    for (const { operation } of legacy()) {
      expect(operation.tags).toEqual(['compatibility']);
      expect(operation.deprecated).toBe(true);
      expect(operation.summary).toMatch(/use (POST \/v1\/(rtc|rtm|chat)\/token|(POST|GET|PATCH|DELETE) \/v1\/(recordings|media-push|media-pull|transcriptions))/);
      expect(operation.description).toMatch(/move to `(POST|GET|PATCH|DELETE) \/v1\//);
    }
  });

  it('documents every response of each one with a schema', () => {
    for (const { path, operation } of legacy()) {
      expect([path, Object.keys(operation.responses)]).toEqual([path, expect.arrayContaining(['200', '400', '500'])]);
      for (const [status, response] of Object.entries(operation.responses)) {
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema?.$ref);
        expect([path, status, schemas.length > 0 && schemas.every(Boolean)]).toEqual([path, status, true]);
      }
    }
  });
});
