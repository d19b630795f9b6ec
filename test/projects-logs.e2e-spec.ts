import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { get, postJson } from './support/http.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { captureLogs, createTestApp } from './support/test-app.js';
import { CERTIFICATES, CHAT_EU, STUDIO, TOKEN_ROUTE_CASES, VIDEO, projectsEnv } from './support/test-projects.js';

const keys = {
  everything: { id: 'everything', key: newApiKey() },
  euTeams: { id: 'eu-teams', key: newApiKey(), projects: ['chat.*'], channels: ['team-*'] },
  videoRtc: { id: 'video-rtc', key: newApiKey(), projects: ['video'], kinds: ['rtc'] },
} satisfies Record<string, TestKey>;

const routeCase = (name: string) => TOKEN_ROUTE_CASES.find((route) => route.name === name)!;

/** Problem bodies and request log lines name the project chosen, and never hold a certificate. */
describe('Projects in problems and logs (e2e, AUTH_MODE=apikey, LOG_LEVEL=trace)', () => {
  let app: NestFastifyApplication;
  const logs = captureLogs();
  /** Every body the service answered in this spec, for the certificate check at the end. */
  const bodies: string[] = [];

  beforeAll(async () => {
    app = await createTestApp(
      { ...projectsEnv(), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(Object.values(keys)), LOG_LEVEL: 'trace', RATE_LIMIT_PER_MINUTE: '100000' },
      { requestLogs: true, logger: undefined, logStream: logs.stream },
    );
  });
  afterAll(() => app.close());

  /** POSTs as `key` with a request id, and returns the answer with its request log line. */
  const send = async (key: TestKey, url: string, body: object, requestId: string) => {
    const response = await postJson(app, url, body, { 'x-api-key': key.key, 'x-request-id': requestId });
    bodies.push(response.body);
    const lines = logs.lines.filter((line) => line.requestId === requestId && line.msg === 'request completed');
    expect(lines).toHaveLength(1);
    return { status: response.statusCode, body: response.json(), line: lines[0] };
  };

  it('names the chosen project in a refusal by a rule judged after the choice (channels, kinds), and in its log line', async () => {
    const channels = await send(keys.euTeams, '/v1/rtc/token', { channel: 'lobby', uid: 1, appId: CHAT_EU.appId.toUpperCase() }, 'p-channels');
    const kinds = await send(keys.videoRtc, '/v1/chat/token', {}, 'p-kinds');

    expect(channels.body).toMatchObject({ status: 403, rule: 'channels', project: CHAT_EU.name });
    expect(kinds.body).toMatchObject({ status: 403, rule: 'kinds', project: VIDEO.name });
    expect([channels.line.project, kinds.line.project]).toEqual([CHAT_EU.name, VIDEO.name]);
  });

  it('names no project when none was chosen: a projects refusal, an unconfigured project, an invalid request', async () => {
    const outcomes = [
      await send(keys.euTeams, '/v1/rtc/token', { channel: 'team-1', uid: 1, project: STUDIO.name }, 'p-projects'),
      await send(keys.everything, '/v1/rtc/token', { channel: 'team-1', uid: 1, project: 'no-such-project' }, 'p-unknown'),
      await send(keys.everything, '/v1/rtc/token', { channel: 'team-1', uid: -1, project: CHAT_EU.name }, 'p-invalid'),
    ];

    expect(outcomes.map(({ status, body }) => [status, body.rule ?? body.errors[0].field])).toEqual([
      [403, 'projects'],
      [400, 'project'],
      [400, 'uid'],
    ]);
    for (const { body, line } of outcomes) {
      expect(body).not.toHaveProperty('project');
      expect(line).not.toHaveProperty('project');
    }
  });

  it('logs the project of every token issued, by name, beside what was issued', async () => {
    for (const [route, selector, project] of [
      [routeCase('rtc'), {}, VIDEO],
      [routeCase('rtm'), { appId: CHAT_EU.appId }, CHAT_EU],
      [routeCase('fpa'), { project: STUDIO.name }, STUDIO],
    ] as const) {
      const { status, body, line } = await send(keys.everything, route.url, { ...route.body, ...selector }, `p-issued-${route.name}`);
      expect([route.name, status, body.project, line.project]).toEqual([route.name, 200, project.name, project.name]);
      expect(line.issued).toEqual([expect.objectContaining({ kind: route.name })]);
    }
  });

  it('never answers or logs a configured certificate, in any encoding, at any level', async () => {
    // Every token route for every project, and the pages that describe the service's configuration.
    for (const route of TOKEN_ROUTE_CASES) {
      for (const project of [VIDEO, CHAT_EU, STUDIO]) {
        const { status } = await send(keys.everything, route.url, { ...route.body, project: project.name }, `p-all-${route.name}-${project.name}`.replaceAll(' ', '-'));
        expect([route.name, project.name, status]).toEqual([route.name, project.name, 200]);
      }
    }
    for (const url of ['/health/ready', '/metrics', '/docs-json']) bodies.push((await get(app, url)).body);

    // The start-up lines are there too: the projects served were logged, by name and count only.
    expect(logs.lines).toContainEqual(expect.objectContaining({ context: 'Projects', msg: expect.stringContaining('Serving 3 project(s)') }));
    const logged = logs.lines.map((line) => JSON.stringify(line)).join('\n');
    expect(secretsFoundIn(logged, CERTIFICATES)).toEqual([]);
    expect(secretsFoundIn(bodies.join('\n'), CERTIFICATES)).toEqual([]);
  });
});
