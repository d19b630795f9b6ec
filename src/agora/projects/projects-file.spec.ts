import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../../config/env-validation.js';
import { loadProjectsFile, readProjectsFile } from './projects-file.js';

const APP_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_B = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_C = 'c1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_D = 'd1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_E = 'e1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_F = 'f1b2c3d4e5f60718293a4b5c6d7e8f90';
const CERT_1 = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const CERT_2 = '1f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A projects file in a folder of its own, with extra files beside it. */
function projectsFile(content: unknown, files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'projects-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const path = join(folder, 'projects.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(path: string): string[] {
  try {
    loadProjectsFile(path);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('the file loaded');
}

describe('loadProjectsFile', () => {
  it('loads projects in order, certificates inline or from files beside the projects file', () => {
    const path = projectsFile(
      [
        { name: 'video', appId: APP_A, certificate: CERT_1, secondaryCertificate: CERT_2 },
        { name: 'chat.eu', appId: APP_B, certificateFile: 'b.cert' },
      ],
      { 'b.cert': `  ${CERT_2}\n` },
    );
    expect(loadProjectsFile(path)).toEqual([
      { name: 'video', appId: APP_A, certificate: CERT_1, secondaryCertificate: CERT_2 },
      { name: 'chat.eu', appId: APP_B, certificate: CERT_2 },
    ]);
  });

  it('names every broken entry and field, and never a value', () => {
    const path = projectsFile(
      [
        { name: 'video', appId: 'not-hex', certificate: CERT_1, colour: 'red' },
        { name: 'video', appId: APP_A },
        { name: 'x', appId: APP_B, certificate: CERT_1, certificateFile: 'c.cert' },
        { name: 'y', appId: APP_A.toUpperCase(), certificateFile: 'missing.cert', secondaryCertificateFile: 'bad.cert' },
        null,
      ],
      { 'bad.cert': 'short' },
    );
    expect(problemsOf(path)).toEqual([
      'AGORA_PROJECTS_FILE entry 1: unknown field colour',
      'AGORA_PROJECTS_FILE entry 1: appId must be 32 hexadecimal characters',
      'AGORA_PROJECTS_FILE entry 2: certificate or certificateFile is required',
      'AGORA_PROJECTS_FILE entry 3: give certificate or certificateFile, not both',
      // An entry whose fields are valid has its files read, so a broken file shows beside the others' problems.
      'AGORA_PROJECTS_FILE entry 4: certificateFile cannot be read',
      'AGORA_PROJECTS_FILE entry 4: secondaryCertificateFile must hold 32 hexadecimal characters',
      'AGORA_PROJECTS_FILE entry 5 must be an object',
    ]);
    const second = projectsFile(
      [
        { name: 'video', appId: APP_A, certificate: CERT_1 },
        { name: 'video', appId: APP_A.toUpperCase(), certificateFile: 'missing.cert', secondaryCertificateFile: 'bad.cert' },
      ],
      { 'bad.cert': 'short' },
    );
    expect(problemsOf(second)).toEqual([
      'AGORA_PROJECTS_FILE entry 2: certificateFile cannot be read',
      'AGORA_PROJECTS_FILE entry 2: secondaryCertificateFile must hold 32 hexadecimal characters',
      'AGORA_PROJECTS_FILE entry 2: name is used twice',
      'AGORA_PROJECTS_FILE entry 2: appId is used twice',
    ]);
  });

  it('keeps App IDs and certificates in lower case, as Agora writes them, and reads a file that starts with a byte-order mark', () => {
    const path = projectsFile(`\uFEFF${JSON.stringify([{ name: 'video', appId: APP_A.toUpperCase(), certificateFile: 'a.cert', secondaryCertificate: CERT_2.toUpperCase() }])}`, {
      'a.cert': `${CERT_1.toUpperCase()}\r\n`,
    });
    expect(loadProjectsFile(path)).toEqual([{ name: 'video', appId: APP_A, certificate: CERT_1, secondaryCertificate: CERT_2 }]);
  });

  it('refuses certificate files that are not small regular files, without reading them (a FIFO would block the reload)', () => {
    const path = projectsFile(
      [
        { name: 'fifo', appId: APP_A, certificateFile: 'fifo' },
        { name: 'folder', appId: APP_B, certificateFile: 'folder' },
        { name: 'big', appId: 'c1b2c3d4e5f60718293a4b5c6d7e8f90', certificateFile: 'big.cert' },
      ],
      { 'big.cert': `${CERT_1}${' '.repeat(2048)}` },
    );
    const folder = join(path, '..');
    execFileSync('mkfifo', [join(folder, 'fifo')]);
    mkdirSync(join(folder, 'folder'));
    expect(problemsOf(path)).toEqual([
      'AGORA_PROJECTS_FILE entry 1: certificateFile must be a regular file',
      'AGORA_PROJECTS_FILE entry 2: certificateFile must be a regular file',
      'AGORA_PROJECTS_FILE entry 3: certificateFile is larger than 1024 bytes',
    ]);
  });

  it('reads REST credentials (customerId with customerSecret or customerSecretFile) and leaves projects without them alone', () => {
    const path = projectsFile(
      [
        { name: 'video', appId: APP_A, certificate: CERT_1, customerId: 'cid-1', customerSecret: 'inline-secret' },
        { name: 'chat', appId: APP_B, certificate: CERT_2, customerId: 'cid-2', customerSecretFile: 'rest.secret' },
        { name: 'plain', appId: APP_C, certificate: CERT_2 },
      ],
      { 'rest.secret': ' file-secret\n' },
    );
    expect(loadProjectsFile(path)).toEqual([
      { name: 'video', appId: APP_A, certificate: CERT_1, rest: { customerId: 'cid-1', customerSecret: 'inline-secret' } },
      { name: 'chat', appId: APP_B, certificate: CERT_2, rest: { customerId: 'cid-2', customerSecret: 'file-secret' } },
      { name: 'plain', appId: APP_C, certificate: CERT_2 },
    ]);
    // The secret file is watched like a certificate file, so rotating the secret reloads the projects.
    expect(readProjectsFile(path).files).toEqual([path, join(path, '..', 'rest.secret')]);
  });

  it('refuses half or doubled REST credentials and malformed ones, naming entry and field', () => {
    const path = projectsFile(
      [
        { name: 'a', appId: APP_A, certificate: CERT_1, customerId: 'cid' },
        { name: 'b', appId: APP_B, certificate: CERT_1, customerSecret: 'secret' },
        { name: 'c', appId: APP_C, certificate: CERT_1, customerId: 'cid', customerSecret: 'secret', customerSecretFile: 'x' },
        { name: 'd', appId: APP_D, certificate: CERT_1, customerId: 'has:colon', customerSecret: 'has space' },
        { name: 'e', appId: APP_E, certificate: CERT_1, customerId: 'cid', customerSecretFile: 'missing.secret' },
        { name: 'f', appId: APP_F, certificate: CERT_1, customerId: 'cid', customerSecretFile: 'blank.secret' },
      ],
      { 'blank.secret': '  \n' },
    );
    expect(problemsOf(path)).toEqual([
      'AGORA_PROJECTS_FILE entry 1: customerId needs customerSecret or customerSecretFile',
      'AGORA_PROJECTS_FILE entry 2: customerSecret needs customerId',
      'AGORA_PROJECTS_FILE entry 3: give customerSecret or customerSecretFile, not both',
      "AGORA_PROJECTS_FILE entry 4: customerId must be 1 to 128 visible ASCII characters other than ':'",
      'AGORA_PROJECTS_FILE entry 4: customerSecret must be 1 to 128 visible ASCII characters',
      'AGORA_PROJECTS_FILE entry 5: customerSecretFile cannot be read',
      'AGORA_PROJECTS_FILE entry 6: customerSecretFile must hold 1 to 128 visible ASCII characters',
    ]);
  });

  it('refuses a file that is not a non-empty JSON array', () => {
    expect(problemsOf(join(tmpdir(), 'no-such-projects.json'))).toEqual(['AGORA_PROJECTS_FILE cannot be read']);
    expect(problemsOf(projectsFile('{'))).toEqual(['AGORA_PROJECTS_FILE is not valid JSON']);
    expect(problemsOf(projectsFile({}))).toEqual(['AGORA_PROJECTS_FILE must hold a JSON array of projects']);
    expect(problemsOf(projectsFile([]))).toEqual(['AGORA_PROJECTS_FILE lists no projects']);
  });

  it('never puts a field’s value in a problem, whatever the value', () => {
    // Near-miss certificates (hex of the wrong length) and arbitrary text long enough to be no message's substring.
    const secretish = fc.oneof(
      fc.stringMatching(/^[0-9a-f]{16,31}$/),
      fc.stringMatching(/^[0-9a-f]{33,48}$/),
      fc.string({ minLength: 24, maxLength: 48 }).filter((text) => text.trim().length >= 24),
    );
    fc.assert(
      fc.property(fc.constantFrom('appId', 'certificate', 'secondaryCertificate', 'name', 'customerId', 'customerSecret'), secretish, (field, value) => {
        // REST credentials are given in pairs, so the other half is there and only the value under test can be wrong.
        const entry = { name: 'video', appId: APP_A, certificate: CERT_1, customerId: 'cid', customerSecret: 'secret', [field]: value };
        let problems: string[] = [];
        try {
          loadProjectsFile(projectsFile([entry]));
        } catch (error) {
          problems = (error as ConfigValidationError).problems;
        }
        for (const problem of problems) expect(problem).not.toContain(value.trim());
      }),
      { numRuns: 60 },
    );
  });
});
