import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigValidationError(['API_KEYS_FILE cannot be read']);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigValidationError(['API_KEYS_FILE is not valid JSON']);
  }
  if (!Array.isArray(json)) throw new ConfigValidationError(['API_KEYS_FILE must hold a JSON array of keys']);
  if (json.length === 0) throw new ConfigValidationError(['API_KEYS_FILE lists no keys']);
  return json;
}

function entryProblems(entry: unknown, index: number): string[] {
  const where = `API_KEYS_FILE entry ${index + 1}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [`${where} must be an object`];
  const errors = validateSync(plainToInstance(ApiKeyEntry, entry), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  return errors.flatMap((error) =>
    error.constraints?.whitelistValidation
      ? [`${where}: unknown field ${error.property}`]
      : Object.values(error.constraints ?? {}).map((message) => `${where}: ${message}`),
  );
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
