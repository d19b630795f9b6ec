import { entryProblemsOf, readJsonList } from '../../config/config-files.js';
import { ConfigValidationError } from '../../config/env-validation.js';
import type { ApiKeyPolicy } from '../caller.interface.js';
import { ApiKeyEntry } from './api-key-entry.js';

/** An API key as the verifier holds it: its id, the SHA-256 digest of the key, and its policy. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly digest: Buffer;
  readonly policy: ApiKeyPolicy;
}

/**
 * Reads and validates API_KEYS_FILE: a JSON array of
 * `{ id, sha256, kinds?, channels?, roles?, maxExpireSeconds? }`. The file
 * holds digests, not keys; errors name the entry and field, never a value.
 *
 * @example
 * loadApiKeysFile('/run/secrets/api-keys.json'); // [{ id: 'backend', digest: <Buffer …>, policy: {} }]
 */
export function loadApiKeysFile(path: string): ApiKeyRecord[] {
  const entries = parse(path);
  const problems = entries.flatMap((entry, index) => entryProblems(entry, index));
  if (problems.length === 0) problems.push(...duplicates(entries as ApiKeyEntry[]));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return (entries as ApiKeyEntry[]).map(({ id, sha256, ...policy }) => ({
    id,
    digest: Buffer.from(sha256, 'hex'),
    policy,
  }));
}

function parse(path: string): unknown[] {
  return readJsonList(path, 'API_KEYS_FILE', 'keys');
}

function entryProblems(entry: unknown, index: number): string[] {
  return entryProblemsOf(ApiKeyEntry, entry, `API_KEYS_FILE entry ${index + 1}`);
}

function duplicates(entries: ApiKeyEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const digests = new Set<string>();
  entries.forEach(({ id, sha256 }, index) => {
    if (ids.has(id)) problems.push(`API_KEYS_FILE entry ${index + 1}: id is used twice`);
    if (digests.has(sha256.toLowerCase())) problems.push(`API_KEYS_FILE entry ${index + 1}: sha256 is used twice`);
    ids.add(id);
    digests.add(sha256.toLowerCase());
  });
  return problems;
}
