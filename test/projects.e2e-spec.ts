import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken } from './support/decode-token.js';
import { get, postJson, validationProblem } from './support/http.js';
import { listRoutes } from './support/routes.js';
import { createTestApp } from './support/test-app.js';
import {
  CHAT_EU,
  PROJECTS,
  STUDIO,
  TOKEN_ROUTE_CASES,
  VIDEO,
  certificatesVerifying,
  projectsEnv,
  type TestProject,
} from './support/test-projects.js';

/** What a project name may be (README, AGORA_PROJECTS_FILE): a request naming it so is well-formed. */
const NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
const NAME_RULE = 'project must be 1 to 64 letters, digits or . _ -, starting with a letter or digit';
const configuredName = new Set(PROJECTS.map(({ name }) => name));
const configuredAppId = new Set(PROJECTS.map(({ appId }) => appId.toLowerCase()));

/** The ways a request may choose a project: by name, by App ID in either case, or by both. */
function selectorsOf({ name, appId }: TestProject): Array<Record<string, string>> {
  return [{ project: name }, { appId: appId.toLowerCase() }, { appId: appId.toUpperCase() }, { project: name, appId: appId.toUpperCase() }];
}

describe('Several Agora projects, side by side (AGORA_PROJECTS_FILE, e2e)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ ...projectsEnv(), RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => app.close());

  it('knows a request for every /v1 token route', () => {
    const served = listRoutes(app)
      .filter(({ method, path }) => method === 'POST' && /^\/v1\/.*token$/.test(path))
      .map(({ path }) => path);
    expect(new Set(TOKEN_ROUTE_CASES.map(({ url }) => url))).toEqual(new Set(served));
  });

  it('signs every kind for the project chosen by name or App ID (either case), the first by default, with its certificate only', async () => {
    // chat.eu's certificate comes from its certificateFile: it must work the same as an inline one.
    const choices: Array<[TestProject, Record<string, string>]> = [[VIDEO, {}], ...PROJECTS.flatMap((p) => selectorsOf(p).map((s) => [p, s] as [TestProject, Record<string, string>]))];
    for (const route of TOKEN_ROUTE_CASES) {
      for (const [project, selector] of choices) {
        const response = await postJson(app, route.url, { ...route.body, ...selector });
        const label = `${route.name} ${JSON.stringify(selector)}`;
        expect([label, response.statusCode]).toEqual([label, 200]);
        const body = response.json<{ token: string; appId: string; project: string }>();
        const token = route.read(body.token);
        expect({ label, appId: body.appId, project: body.project, signedFor: token.appId, verifiedBy: certificatesVerifying(token) }).toEqual({
          label,
          appId: project.appId,
          project: project.name,
          signedFor: project.appId,
          verifiedBy: [`${project.name} certificate`],
        });
      }
    }
  });

  describe('refuses with a 400 naming the field, never a token', () => {
    const route = fc.constantFrom(...TOKEN_ROUTE_CASES);
    const refused = async (url: string, body: object, field: string, message: string) => {
      const response = await postJson(app, url, body);
      expect(response.json()).toEqual(validationProblem(url, [{ field, message }]));
    };

    it('a well-formed name that no project has (field project)', async () => {
      const unknownName = fc.stringMatching(NAME).filter((name) => !configuredName.has(name));
      await fc.assert(
        fc.asyncProperty(route, unknownName, fc.option(fc.constantFrom(...PROJECTS), { nil: undefined }), async ({ url, body }, name, other) => {
          // Also beside the App ID of a configured project: the name is what the request chose.
          const appId = other ? { appId: other.appId } : {};
          await refused(url, { ...body, project: name, ...appId }, 'project', 'project names no configured project');
        }),
        { numRuns: 60 },
      );
    });

    it('a well-formed App ID that no project has, in either case (field appId)', async () => {
      const unknownAppId = fc.stringMatching(/^[0-9a-fA-F]{32}$/).filter((appId) => !configuredAppId.has(appId.toLowerCase()));
      await fc.assert(
        fc.asyncProperty(route, unknownAppId, async ({ url, body }, appId) => {
          await refused(url, { ...body, appId }, 'appId', 'appId is not the App ID of a configured project');
        }),
        { numRuns: 60 },
      );
    });

    it('a name and the App ID of another project (field appId)', async () => {
      const pairs = PROJECTS.flatMap((named) => PROJECTS.filter((other) => other !== named).map((other) => [named, other] as const));
      await fc.assert(
        fc.asyncProperty(route, fc.constantFrom(...pairs), fc.boolean(), async ({ url, body }, [named, other], upper) => {
          const appId = upper ? other.appId.toUpperCase() : other.appId;
          await refused(url, { ...body, project: named.name, appId }, 'appId', `appId is not the App ID of project ${named.name}`);
        }),
      );
    });

    it('names and App IDs that are not well-formed, or not strings', async () => {
      const badName = fc.string({ maxLength: 80 }).filter((name) => !NAME.test(name));
      const badAppId = fc.string({ maxLength: 40 }).filter((appId) => !/^[0-9a-fA-F]{32}$/.test(appId));
      const notText = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
      await fc.assert(
        fc.asyncProperty(route, fc.constantFrom('project', 'appId'), fc.oneof(badName, badAppId, notText), async ({ url, body }, field, value) => {
          // A value matching the field's own rule is no counter-example here.
          fc.pre(typeof value !== 'string' || !(field === 'project' ? NAME : /^[0-9a-fA-F]{32}$/).test(value));
          const response = await postJson(app, url, { ...body, [field]: value });
          const problem = response.json();
          expect([response.statusCode, problem.errors.map((error: { field: string }) => error.field)]).toEqual([400, [field]]);
          expect(problem).not.toHaveProperty('token');
        }),
        { numRuns: 100 },
      );
      await refused('/v1/rtc/token', { channel: 'room', project: 'a b' }, 'project', NAME_RULE);
      await refused('/v1/rtc/token', { channel: 'room', appId: 'a1b2c3' }, 'appId', 'appId must be 32 hexadecimal characters');
    });
  });

  it('counts issued tokens per kind and project, and the projects configured', async () => {
    const scrape = async () => (await get(app, '/metrics')).body;
    const before = await scrape();
    const issues: Array<[string, object]> = [
      ['/v1/rtc/token', { channel: 'room', uid: 1 }],
      ['/v1/rtc/token', { channel: 'room', uid: 2, project: VIDEO.name }],
      ['/v1/rtc/token', { channel: 'room', uid: 3, appId: CHAT_EU.appId.toUpperCase() }],
      ['/v1/fpa/token', { project: STUDIO.name }],
    ];
    for (const [url, body] of issues) expect((await postJson(app, url, body)).statusCode).toBe(200);
    const after = await scrape();
    const delta = (labels: Record<string, string>) => sample(after, 'agora_tokens_issued_total', labels) - sample(before, 'agora_tokens_issued_total', labels);

    expect(delta({ kind: 'rtc', project: VIDEO.name })).toBe(2);
    expect(delta({ kind: 'rtc', project: CHAT_EU.name })).toBe(1);
    expect(delta({ kind: 'rtc', project: STUDIO.name })).toBe(0);
    expect(delta({ kind: 'fpa', project: STUDIO.name })).toBe(1);
    expect(sample(after, 'agora_projects')).toBe(PROJECTS.length);
  });

  it('signs the community (legacy) routes with the default project, whatever they are sent', async () => {
    const requests: Array<[string, object?]> = [
      ['/getToken', { tokenType: 'rtc', channel: 'room', uid: '7' }],
      ['/token/getNew', { tokenType: 'chat' }],
      ['/rtc/room/publisher/uid/7'],
      ['/rtm/alice'],
      ['/rte/room/publisher/uid/7'],
      [`/rte/room/publisher/uid/7/alice?project=${CHAT_EU.name}`],
      ['/chat/app'],
      [`/chat/account/alice?appId=${CHAT_EU.appId}`],
      [`/access_token?channelName=room&uid=7&project=${STUDIO.name}`],
      ['/rtctoken', { channel: 'room' }],
      ['/rtmtoken', { user: 'alice' }],
      ['/fetch_rtm_token', { uid: 'alice' }],
    ];
    // The Go fork's /cloud_recording, /rtt and /rtmp routes sign no token for the caller (they call Agora's REST APIs).
    const forkServices = /^\/(cloud_recording|rtt|rtmp)\//;
    const legacy = listRoutes(app).filter(
      ({ path, isPublic }) => !isPublic && !path.startsWith('/v1/') && !forkServices.test(path) && !path.includes('//') && path !== '/rtm',
    );
    expect(legacy).toHaveLength(requests.length);
    for (const [url, body] of requests) {
      const response = body ? await postJson(app, url, body) : await get(app, url);
      expect([url, response.statusCode]).toEqual([url, 200]);
      const tokens = Object.entries(response.json<Record<string, unknown>>()).filter(([key]) => /token$/i.test(key));
      expect(tokens.length).toBeGreaterThan(0);
      for (const [field, token] of tokens) {
        const decoded = decodeToken(String(token));
        expect({ url, field, appId: decoded.appId, verifiedBy: certificatesVerifying(decoded) }).toEqual({
          url,
          field,
          appId: VIDEO.appId,
          verifiedBy: [`${VIDEO.name} certificate`],
        });
      }
    }
    // A legacy body has no project field: naming one is refused rather than silently ignored.
    const named = await postJson(app, '/getToken', { tokenType: 'chat', project: CHAT_EU.name });
    expect(named.json()).toEqual(validationProblem('/getToken', [{ field: 'project', message: 'property project should not exist' }]));
  });
});

/** The value of one sample in Prometheus text format (0 when absent): its labels exactly these. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (present.length === wanted.length && wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}
