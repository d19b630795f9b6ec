import fc from 'fast-check';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService } from './support/spawn-service.js';
import { createTestApp } from './support/test-app.js';
import { CHAT_EU, STUDIO, VIDEO, projectsEnv, writeProjectsFile } from './support/test-projects.js';

const BOTH = 'Set AGORA_PROJECTS_FILE or APP_ID and APP_CERTIFICATE, not both';

/** The start-up error of this environment (createTestApp must reject). */
async function startupError(env: Record<string, string | undefined>): Promise<string> {
  return createTestApp(env).then(
    async (app) => {
      await app.close();
      throw new Error('the service started');
    },
    (error: Error) => error.message,
  );
}

describe('AGORA_PROJECTS_FILE at start-up', () => {
  it('is refused beside APP_ID or APP_CERTIFICATE, naming the variables, never a value', async () => {
    for (const shortcut of [
      { APP_ID: VIDEO.appId, APP_CERTIFICATE: VIDEO.certificate },
      { APP_ID: VIDEO.appId },
      { APP_CERTIFICATE: CHAT_EU.certificate },
    ]) {
      const message = await startupError({ ...projectsEnv(), ...shortcut });
      expect(message).toContain(BOTH);
      expect(secretsFoundIn(message, { certificate: VIDEO.certificate, 'other certificate': CHAT_EU.certificate })).toEqual([]);
    }
  });

  it('is refused when an entry is broken, naming each entry and field, never the value', async () => {
    const nearMiss = VIDEO.certificate.slice(0, 31);
    const file = writeProjectsFile([
      VIDEO,
      { name: 'chat.eu', appId: CHAT_EU.appId, certificate: nearMiss },
      { ...STUDIO, secondaryCertificate: `${CHAT_EU.certificate}0` },
    ]);
    const message = await startupError({ AGORA_PROJECTS_FILE: file, APP_ID: undefined, APP_CERTIFICATE: undefined });

    expect(message).toContain('AGORA_PROJECTS_FILE entry 2: certificate must be 32 hexadecimal characters');
    expect(message).toContain('AGORA_PROJECTS_FILE entry 3: secondaryCertificate must be 32 hexadecimal characters');
    expect(secretsFoundIn(message, { 'near-miss certificate': nearMiss, 'long certificate': `${CHAT_EU.certificate}0` })).toEqual([]);
  });

  it('names a duplicate name or App ID (either case), and an unreadable or malformed certificate file', async () => {
    const file = writeProjectsFile(
      [
        VIDEO,
        { name: 'video', appId: STUDIO.appId, certificateFile: 'missing.cert' },
        { name: STUDIO.name, appId: VIDEO.appId.toUpperCase(), certificateFile: 'studio.cert' },
      ],
      { 'studio.cert': STUDIO.certificate.slice(2) },
    );
    const message = await startupError({ AGORA_PROJECTS_FILE: file, APP_ID: undefined, APP_CERTIFICATE: undefined });

    expect(message).toContain(
      [
        'AGORA_PROJECTS_FILE entry 2: certificateFile cannot be read',
        'AGORA_PROJECTS_FILE entry 3: certificateFile must hold 32 hexadecimal characters',
        'AGORA_PROJECTS_FILE entry 2: name is used twice',
        'AGORA_PROJECTS_FILE entry 3: appId is used twice',
      ].join('; '),
    );
    expect(secretsFoundIn(message, { 'studio certificate': STUDIO.certificate.slice(2) })).toEqual([]);
  });

  it('never puts the value of a broken field in the start-up error, whatever it is', async () => {
    const value = fc.oneof(fc.stringMatching(/^[0-9a-f]{20,31}$/), fc.stringMatching(/^[0-9a-f]{33,40}$/), fc.stringMatching(/^\S{24,40}$/));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('name', 'appId', 'certificate', 'secondaryCertificate'), value, async (field, text) => {
        // Only values the field refuses: a well-formed name is no broken field.
        fc.pre(!(field === 'name' ? /^[A-Za-z0-9][\w.-]{0,63}$/ : /^[0-9a-fA-F]{32}$/).test(text));
        const file = writeProjectsFile([{ ...VIDEO }, { ...STUDIO, [field]: text }]);
        const message = await startupError({ AGORA_PROJECTS_FILE: file, APP_ID: undefined, APP_CERTIFICATE: undefined });
        expect(message).toContain(`AGORA_PROJECTS_FILE entry 2: ${field} must be`);
        expect(secretsFoundIn(message, { [field]: text })).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('stops the real process with a non-zero exit, naming entry and field, never the value', async () => {
    const nearMiss = CHAT_EU.certificate.slice(1);
    const file = writeProjectsFile([VIDEO, { name: CHAT_EU.name, appId: CHAT_EU.appId, certificate: nearMiss }]);
    const listen = async () => ({ HOST: '127.0.0.1', PORT: String(await freePort()) });
    const broken = spawnService({ AGORA_PROJECTS_FILE: file, ...(await listen()) });
    const both = spawnService({ AGORA_PROJECTS_FILE: file, APP_ID: VIDEO.appId, APP_CERTIFICATE: VIDEO.certificate, ...(await listen()) });

    expect(await broken.exited).not.toBe(0);
    expect(broken.output()).toContain('AGORA_PROJECTS_FILE entry 2: certificate must be 32 hexadecimal characters');
    expect(secretsFoundIn(broken.output(), { 'near-miss certificate': nearMiss, 'video certificate': VIDEO.certificate })).toEqual([]);
    expect(await both.exited).not.toBe(0);
    expect(both.output()).toContain(BOTH);
    expect(secretsFoundIn(both.output(), { 'video certificate': VIDEO.certificate, 'chat.eu certificate': CHAT_EU.certificate })).toEqual([]);
  });
});
