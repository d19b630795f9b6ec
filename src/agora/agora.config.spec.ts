import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEnv } from '../../test/support/test-app.js';
import { ConfigValidationError } from '../config/env-validation.js';
import { agoraConfig } from './agora.config.js';

const APP_ID = 'aabbccddeeff00112233445566778899';
const CERT = '00112233445566778899aabbccddeeff';
const UNSET = { APP_ID: undefined, APP_CERTIFICATE: undefined, AGORA_PROJECTS_FILE: undefined, AGORA_CUSTOMER_ID: undefined, AGORA_CUSTOMER_SECRET: undefined };
const customerId = fc.stringMatching(/^[!-9;-~]{1,128}$/);
const customerSecret = fc.stringMatching(/^[!-~]{1,128}$/);

function configUnder(env: Record<string, string | undefined>) {
  return withEnv({ ...UNSET, NODE_ENV: 'development', ...env }, async () => agoraConfig());
}

async function problemsUnder(env: Record<string, string | undefined>): Promise<string[]> {
  try {
    await configUnder(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  throw new Error('the configuration loaded');
}

describe('REST credentials of the APP_ID shortcut: AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET', () => {
  it('gives the shortcut project (and the demo project) the pair, whatever its characters', async () => {
    await fc.assert(
      fc.asyncProperty(customerId, customerSecret, async (id, secret) => {
        const config = await configUnder({ APP_ID, APP_CERTIFICATE: CERT, AGORA_CUSTOMER_ID: id, AGORA_CUSTOMER_SECRET: secret });
        expect('projects' in config && config.projects).toEqual([
          { name: 'default', appId: APP_ID, certificate: CERT, rest: { customerId: id, customerSecret: secret } },
        ]);
        const demo = await configUnder({ AGORA_CUSTOMER_ID: id, AGORA_CUSTOMER_SECRET: secret });
        expect('projects' in demo && demo.projects[0].rest).toEqual({ customerId: id, customerSecret: secret });
      }),
      { numRuns: 40 },
    );
    const without = await configUnder({ APP_ID, APP_CERTIFICATE: CERT });
    expect('projects' in without && without.projects[0]).not.toHaveProperty('rest');
  });

  it('refuses one without the other, or a malformed value, naming the variable and never the value', async () => {
    await fc.assert(
      fc.asyncProperty(customerId.filter((id) => id.length >= 8), async (value) => {
        const alone = [
          await problemsUnder({ APP_ID, APP_CERTIFICATE: CERT, AGORA_CUSTOMER_ID: value }),
          await problemsUnder({ APP_ID, APP_CERTIFICATE: CERT, AGORA_CUSTOMER_SECRET: value }),
        ];
        expect(alone).toEqual([['AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET must be set together'], ['AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET must be set together']]);
        const malformed = await problemsUnder({ APP_ID, APP_CERTIFICATE: CERT, AGORA_CUSTOMER_ID: `${value}:x`, AGORA_CUSTOMER_SECRET: `${value} x` });
        expect(malformed).toEqual([
          "AGORA_CUSTOMER_ID must be 1 to 128 visible ASCII characters other than ':'",
          'AGORA_CUSTOMER_SECRET must be 1 to 128 visible ASCII characters',
        ]);
        for (const problem of [...alone.flat(), ...malformed]) expect(problem).not.toContain(value);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses them beside AGORA_PROJECTS_FILE, whose entries carry their own', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'projects-'));
    writeFileSync(join(folder, 'projects.json'), JSON.stringify([{ name: 'video', appId: APP_ID, certificate: CERT }]));
    expect(await problemsUnder({ AGORA_PROJECTS_FILE: join(folder, 'projects.json'), AGORA_CUSTOMER_ID: 'id', AGORA_CUSTOMER_SECRET: 'secret' })).toEqual([
      'With AGORA_PROJECTS_FILE, give each project its customerId and customerSecret there, not AGORA_CUSTOMER_ID or AGORA_CUSTOMER_SECRET',
    ]);
  });
});
