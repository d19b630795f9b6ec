import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RtcRole, RtcTokenBuilder } from 'agora-token';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { postJson } from './support/http.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';
import { CERTIFICATES, CHAT_EU, PROJECTS, STUDIO, VIDEO, projectsEnv, type TestProject } from './support/test-projects.js';

const keys = {
  issuer: { id: 'issuer', key: newApiKey(), kinds: ['rtc'] },
  support: { id: 'support', key: newApiKey(), kinds: ['inspect'] },
  videoSupport: { id: 'video-support', key: newApiKey(), kinds: ['inspect'], projects: ['video'] },
} satisfies Record<string, TestKey>;

/** A token as another server would sign it: agora-token's own builder, for any App ID and certificate. */
const signed = (appId: string, certificate: string) => RtcTokenBuilder.buildTokenWithUid(appId, certificate, 'room', 42, RtcRole.PUBLISHER, 600, 600);

/** Inspection with several projects: each token is judged against its own project's certificates. */
describe('POST /v1/tokens/inspect with several projects (e2e, AUTH_MODE=apikey)', () => {
  let app: NestFastifyApplication;
  const bodies: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ ...projectsEnv(), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(Object.values(keys)), RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => app.close());

  const inspect = async (token: string, key: TestKey = keys.support) => {
    const response = await postJson(app, '/v1/tokens/inspect', { token }, { 'x-api-key': key.key });
    bodies.push(response.body);
    return { status: response.statusCode, body: response.json() };
  };
  const verdict = (project: TestProject | null, signedWith: string, appId = project?.appId) => ({
    status: 200,
    body: expect.objectContaining({ appId, project: project?.name ?? null, signatureValid: signedWith !== 'unknown', signedWith }),
  });

  it('reports the project of the token, from its App ID, whichever project issued it', async () => {
    for (const project of PROJECTS) {
      const issued = await postJson(app, '/v1/rtc/token', { channel: 'room', uid: 42, project: project.name }, { 'x-api-key': keys.issuer.key });
      expect(await inspect(issued.json().token)).toEqual(verdict(project, 'primary'));
    }
  });

  it("checks a token against its own project's primary and secondary certificates only", async () => {
    expect(await inspect(signed(CHAT_EU.appId, CHAT_EU.secondaryCertificate!))).toEqual(verdict(CHAT_EU, 'secondary'));
    // Signed with another configured project's certificate, or with a secondary the project does not have: not valid.
    expect(await inspect(signed(CHAT_EU.appId, VIDEO.certificate))).toEqual(verdict(CHAT_EU, 'unknown'));
    expect(await inspect(signed(VIDEO.appId, CHAT_EU.secondaryCertificate!))).toEqual(verdict(VIDEO, 'unknown'));
  });

  it('lets a key limited to some projects inspect only their tokens: the same 403 for other projects and for App IDs no project has', async () => {
    expect(await inspect(signed(VIDEO.appId, VIDEO.certificate), keys.videoSupport)).toEqual(verdict(VIDEO, 'primary'));
    for (const project of [CHAT_EU, STUDIO]) {
      const refused = await inspect(signed(project.appId, project.certificate), keys.videoSupport);
      // The refusal names the App ID the token holds, not the name of the project that has it.
      expect(refused).toEqual({
        status: 403,
        body: expect.objectContaining({ rule: 'projects', detail: `Refused by rule projects: this API key may not use project with App ID ${project.appId}.` }),
      });
      expect(refused.body).not.toHaveProperty('project');
    }
    const configured = new Set(PROJECTS.map(({ appId }) => appId));
    const unknownAppId = fc.stringMatching(/^[0-9a-f]{32}$/).filter((appId) => !configured.has(appId));
    await fc.assert(
      fc.asyncProperty(unknownAppId, fc.constantFrom(...Object.values(CERTIFICATES)), async (appId, certificate) => {
        // Were it a 200 (project null), a limited key could tell configured App IDs from the others.
        expect(await inspect(signed(appId, certificate), keys.videoSupport)).toEqual({
          status: 403,
          body: expect.objectContaining({ rule: 'projects', detail: `Refused by rule projects: this API key may not use project with App ID ${appId}.` }),
        });
        // A key that may use every project learns the token is no configured project's.
        expect(await inspect(signed(appId, certificate), keys.support)).toEqual(verdict(null, 'unknown', appId));
      }),
      { numRuns: 20 },
    );
  });

  it('never answers a configured certificate', () => {
    expect(bodies.length).toBeGreaterThan(0);
    expect(secretsFoundIn(bodies.join('\n'), CERTIFICATES)).toEqual([]);
  });
});
