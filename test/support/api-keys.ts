import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

/** Writes any content as a keys file, for the start-up validation specs. */
export function writeRawKeysFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'api-keys-')), 'api-keys.json');
  writeFileSync(path, content);
  return path;
}
