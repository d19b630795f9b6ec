import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key a test holds, with the policy its keys-file entry gives it. */
export interface TestKey {
  id: string;
  key: string;
  kinds?: string[];
  channels?: string[];
  roles?: string[];
  maxExpireSeconds?: number;
  projects?: string[];
}

/** A fresh random API key, as an operator would make one (`openssl rand -hex 32`). */
export function newApiKey(): string {
  return randomBytes(32).toString('hex');
}

export function sha256Hex(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Writes an API_KEYS_FILE holding these keys' digests (never the keys) and returns its path. */
export function writeApiKeysFile(keys: TestKey[]): string {
  return writeRawKeysFile(JSON.stringify(keys.map(({ key, ...entry }) => ({ ...entry, sha256: sha256Hex(key) }))));
}

/** The keys files of one spec file, in one folder made on first use and removed when the spec file is done. */
let folder: string | undefined;
let written = 0;
// Registered when a spec file first imports this module (hooks cannot be added from inside a test), so the
// folder goes after the file's tests, its apps and spawned services included; outside Jest nothing registers.
if (typeof afterAll === 'function') afterAll(() => folder && rmSync(folder, { recursive: true, force: true }));

/** Writes any content as a keys file, for the start-up validation specs. */
export function writeRawKeysFile(content: string): string {
  folder ??= mkdtempSync(join(tmpdir(), 'api-keys-'));
  const path = join(folder, `api-keys-${++written}.json`);
  writeFileSync(path, content);
  return path;
}
