import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const GENERATOR = 'clients/typescript/scripts/generate-client.mjs';
const COMMITTED = 'clients/typescript/src';
/** The files the generator writes; the rest of src/ is written by hand. */
const GENERATED = ['operations.ts', 'schema.ts'];

/** Runs the generator on the current build (npm test builds first) into a new directory, with `env` as its environment. */
async function generate(env: Record<string, string>): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'client-drift-'));
  await promisify(execFile)(process.execPath, [GENERATOR, out], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
  return out;
}

/** Where two texts first differ, to say in the failure what changed. */
function firstDifference(committed: string, generated: string): string {
  const [a, b] = [committed.split('\n'), generated.split('\n')];
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '<end>')}, generated ${JSON.stringify(b[at] ?? '<end>')}`;
}

/**
 * The committed client is what the code's OpenAPI document generates: a route, DTO or documentation change without
 * `npm run client:generate` fails here, whatever environment the generator runs in (it reads the document under
 * a fixed one of its own).
 */
describe('The typed client matches the OpenAPI document (drift)', () => {
  let outputs: Record<string, string>;

  beforeAll(async () => {
    const [clean, configured] = await Promise.all([
      generate({}),
      // Settings that change what the service serves or answers: the generated client must not depend on them.
      generate({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://issuer.example/jwks.json', LEGACY_ROUTES: 'true', AGORA_CUSTOMER_ID: 'c', AGORA_CUSTOMER_SECRET: 's' }),
    ]);
    outputs = { clean, configured };
  }, 90_000);

  it('writes exactly the files committed as generated', () => {
    expect(readdirSync(outputs.clean).sort()).toEqual(GENERATED);
  });

  it.each(GENERATED)('commits %s as the current build generates it (else: run `npm run client:generate`)', (file) => {
    const committed = readFileSync(join(COMMITTED, file), 'utf8');
    for (const [environment, dir] of Object.entries(outputs)) {
      const generated = readFileSync(join(dir, file), 'utf8');
      const verdict = committed === generated
        ? 'in sync'
        : `${COMMITTED}/${file} differs from what the code generates (${environment} environment), ${firstDifference(committed, generated)}: run \`npm run client:generate\` and commit the result`;
      expect(verdict).toBe('in sync');
    }
  });
});
