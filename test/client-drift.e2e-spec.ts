import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
 * `npm run client:generate` fails here. The generator runs with settings that change what the service serves and
 * answers (auth mode, legacy routes, REST credentials), which `npm run client:generate` usually runs without: it
 * reads the document under a fixed environment of its own, so they must change nothing.
 */
describe('The typed client matches the OpenAPI document (drift)', () => {
  let out: string;

  beforeAll(async () => {
    out = await generate({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://issuer.example/jwks.json', LEGACY_ROUTES: 'true', AGORA_CUSTOMER_ID: 'c', AGORA_CUSTOMER_SECRET: 's' });
  }, 60_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes exactly the files committed as generated', () => {
    expect(readdirSync(out).sort()).toEqual(GENERATED);
  });

  it.each(GENERATED)('commits %s as the current build generates it (else: run `npm run client:generate`)', (file) => {
    const committed = readFileSync(join(COMMITTED, file), 'utf8');
    const generated = readFileSync(join(out, file), 'utf8');
    const verdict = committed === generated
      ? 'in sync'
      : `${COMMITTED}/${file} differs from what the code generates, ${firstDifference(committed, generated)}: run \`npm run client:generate\` and commit the result`;
    expect(verdict).toBe('in sync');
  });
});
