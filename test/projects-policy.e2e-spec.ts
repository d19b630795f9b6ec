import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, sha256Hex, writeApiKeysFile, writeRawKeysFile, type TestKey } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { postJson } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { CHAT_EU, PROJECTS, STUDIO, VIDEO, projectsEnv, type TestProject } from './support/test-projects.js';

const keys = {
  everything: { id: 'everything', key: newApiKey() },
  eu: { id: 'eu', key: newApiKey(), projects: ['chat.*'] },
  videoAndStudio: { id: 'video-and-studio', key: newApiKey(), projects: ['video', 'studio*'] },
} satisfies Record<string, TestKey>;
const UNKNOWN_APP_ID = '0000000000000000000000000000dead';
const HEX32 = /^[0-9a-fA-F]{32}$/;

/** How a refused caller is told it may not use a project: the same whether the project is configured or not. */
const refusal = (who: 'key' | 'jwt', shownAs: string) => ({
  status: 403,
  rule: 'projects',
  detail: `Refused by rule projects: ${who === 'key' ? 'this API key may not use' : "the caller's token does not allow"} project ${shownAs}.`,
});

describe('Which projects a caller may use (e2e, AUTH_MODE=apikey,jwt, JWT_PROJECTS_CLAIM)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...projectsEnv(),
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile(Object.values(keys)),
      JWT_PROJECTS_CLAIM: 'projects',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const asKey = (key: TestKey, body: object) => postJson(app, '/v1/rtc/token', { channel: 'room', uid: 7, ...body }, { 'x-api-key': key.key });
  const asUser = async (claims: object, body: object, target = app) =>
    postJson(target, '/v1/rtm/token', body, { authorization: `Bearer ${await jwks.sign({ sub: 'alice', ...claims })}` });
  /** The project a 200 signed for, checked in the token itself, or the 403 without its request id. */
  const outcome = async (response: Awaited<ReturnType<typeof asKey>>) => {
    const body = response.json();
    // A refusal by rule projects comes before any project is chosen: it names none (`project` is absent).
    if (response.statusCode !== 200) return { status: response.statusCode, rule: body.rule, detail: body.detail, ...('project' in body ? { project: body.project } : {}) };
    const signed = PROJECTS.find(({ appId }) => appId === decodeToken(body.token).appId);
    return { status: 200, project: body.project, signedFor: signed?.name };
  };
  const signedFor = ({ name }: TestProject) => ({ status: 200, project: name, signedFor: name });

  describe('an API key with projects (globs, as channels)', () => {
    it('gets the projects its globs match, chosen by name or App ID', async () => {
      for (const [key, project] of [[keys.eu, CHAT_EU], [keys.videoAndStudio, VIDEO], [keys.videoAndStudio, STUDIO]] as const) {
        expect(await outcome(await asKey(key, { project: project.name }))).toEqual(signedFor(project));
        expect(await outcome(await asKey(key, { appId: project.appId.toUpperCase() }))).toEqual(signedFor(project));
      }
      expect(await outcome(await asKey(keys.videoAndStudio, {}))).toEqual(signedFor(VIDEO));
      // A name its globs match but no project has is the plain 400 anyone gets.
      const unconfigured = await asKey(keys.eu, { project: 'chat.us' });
      expect([unconfigured.statusCode, unconfigured.json().errors]).toEqual([400, [{ field: 'project', message: 'project names no configured project' }]]);
    });

    it('is refused (rule projects) the default and every other project, configured or not, alike', async () => {
      const { eu } = keys;
      expect(await outcome(await asKey(eu, {}))).toEqual(refusal('key', VIDEO.name));
      for (const name of [VIDEO.name, STUDIO.name, 'no-such-project']) {
        expect(await outcome(await asKey(eu, { project: name }))).toEqual(refusal('key', name));
      }
      // By App ID, the refusal names the App ID as sent: it never tells which project, if any, has it.
      for (const appId of [VIDEO.appId, STUDIO.appId.toUpperCase(), UNKNOWN_APP_ID]) {
        expect(await outcome(await asKey(eu, { appId }))).toEqual(refusal('key', `with App ID ${appId}`));
      }
    });

    it('without projects, gets every project', async () => {
      for (const project of PROJECTS) {
        expect(await outcome(await asKey(keys.everything, { project: project.name }))).toEqual(signedFor(project));
      }
    });
  });

  describe('an end user, by the JWT_PROJECTS_CLAIM claim', () => {
    it('gets the projects its claim matches, as an array of globs or a space-separated string', async () => {
      for (const claim of [['chat.*', 'studio*'], 'chat.* studio*', '  studio*   chat.eu ']) {
        expect(await outcome(await asUser({ projects: claim }, { project: CHAT_EU.name }))).toEqual(signedFor(CHAT_EU));
        expect(await outcome(await asUser({ projects: claim }, { appId: STUDIO.appId }))).toEqual(signedFor(STUDIO));
        expect(await outcome(await asUser({ projects: claim }, {}))).toEqual(refusal('jwt', VIDEO.name));
        expect(await outcome(await asUser({ projects: claim }, { project: 'no-such-project' }))).toEqual(refusal('jwt', 'no-such-project'));
      }
    });

    it('gets no project at all without the claim, or with an empty one', async () => {
      for (const claims of [{}, { projects: [] }, { projects: '' }, { projects: 42 }]) {
        expect(await outcome(await asUser(claims, {}))).toEqual(refusal('jwt', VIDEO.name));
        expect(await outcome(await asUser(claims, { project: CHAT_EU.name }))).toEqual(refusal('jwt', CHAT_EU.name));
      }
    });

    it('cannot tell, by App ID, the projects it may not use from App IDs no project has', async () => {
      // Globs that match no configured name (no pattern of stars alone, which matches everything).
      const glob = fc.stringMatching(/^[\w.*-]{1,12}$/).filter((g) => /[^*]/.test(g) && PROJECTS.every(({ name }) => !globMatches(g, name)));
      const appId = fc.oneof(fc.constantFrom(...PROJECTS.map((p) => p.appId)), fc.stringMatching(HEX32));
      await fc.assert(
        fc.asyncProperty(fc.array(glob, { minLength: 1, maxLength: 3 }), appId, fc.boolean(), async (globs, id, spaced) => {
          const response = await asUser({ projects: spaced ? globs.join(' ') : globs }, { appId: id });
          expect(await outcome(response)).toEqual(refusal('jwt', `with App ID ${id}`));
        }),
        { numRuns: 40 },
      );
    });

    it('is not limited without JWT_PROJECTS_CLAIM, whatever its token claims', async () => {
      const unlimited = await createTestApp({ ...projectsEnv(), ...jwks.env('jwt') });
      try {
        for (const project of PROJECTS) {
          expect(await outcome(await asUser({ projects: ['nothing'] }, { project: project.name }, unlimited))).toEqual(signedFor(project));
        }
      } finally {
        await unlimited.close();
      }
    });
  });
});

describe('API_KEYS_FILE projects (start-up)', () => {
  it('refuses an entry whose projects is empty, not a list, or not of names, naming entry and field, never a value', async () => {
    const digest = (n: number) => sha256Hex(`key-${n}`);
    const entries = [
      { id: 'ok', sha256: digest(1), projects: ['video', 'chat.*'] },
      { id: 'empty', sha256: digest(2), projects: [] },
      { id: 'numbers', sha256: digest(3), projects: [42] },
      { id: 'string', sha256: digest(4), projects: 'secret-looking-project' },
      { id: 'blank', sha256: digest(5), projects: [''] },
      { id: 'null', sha256: digest(6), projects: null },
    ];
    const failure = createTestApp({ ...projectsEnv(), AUTH_MODE: 'apikey', API_KEYS_FILE: writeRawKeysFile(JSON.stringify(entries)) });

    const problems = await failure.then(
      () => [],
      (error: Error) => error.message.replace('Invalid configuration: ', '').split('; '),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'API_KEYS_FILE entry 2: projects must not be empty (leave it out for every project)',
        'API_KEYS_FILE entry 3: projects must hold strings',
        'API_KEYS_FILE entry 4: projects must be an array',
        'API_KEYS_FILE entry 5: each project pattern must be 1 to 64 characters',
        'API_KEYS_FILE entry 6: projects must be an array',
      ]),
    );
    // Every problem is one of these entries' projects field: the valid entry 1 passes.
    for (const problem of problems) expect(problem).toMatch(/^API_KEYS_FILE entry [2-6]: (projects|each project pattern) /);
    await failure.catch((error: Error) => expect(error.message).not.toContain('secret-looking-project'));
  });
});

/** `*` matches any run of characters, as the service's globs. */
function globMatches(glob: string, name: string): boolean {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.\\-]/g, '\\$&')).join('.*')}$`).test(name);
}
