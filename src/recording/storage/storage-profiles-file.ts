import { dirname, resolve } from 'node:path';
import { entryProblemsOf, isEntryObject, readJsonList, readSmallFile } from '../../config/config-files.js';
import { ConfigValidationError } from '../../config/env-validation.js';
import { StorageProfileEntry } from './storage-profile-entry.js';
import { S3_COMPATIBLE_VENDOR, type StorageProfile } from './storage-profile.interface.js';

const VARIABLE = 'AGORA_STORAGE_PROFILES_FILE';
/** A storage access or secret key is well under a kilobyte. */
const KEY_FILE_MAX_BYTES = 16 * 1024;

/**
 * Reads and validates AGORA_STORAGE_PROFILES_FILE: a JSON array of
 * `{ name, vendor, region, bucket, accessKey | accessKeyFile, secretKey | secretKeyFile, endpoint?, projects? }`,
 * the first profile a project may use being its default (`projects`: the project names or globs it serves). A key file holds the key (surrounding white space ignored); a relative path is read
 * from the profiles file's folder. Errors name the entry and field, never a value; every problem is reported.
 *
 * @example
 * readStorageProfilesFile('/run/config/storage.json'); // [{ name: 'recordings', vendor: 1, region: 0, bucket: '…', … }]
 */
export function readStorageProfilesFile(path: string): StorageProfile[] {
  const entries = parse(path);
  const folder = dirname(path);
  const problems: string[] = [];
  const profiles: StorageProfile[] = [];
  entries.forEach((entry, index) => {
    const where = `${VARIABLE} entry ${index + 1}`;
    const own = entryProblems(entry, where);
    problems.push(...own);
    if (own.length === 0) profiles.push(profileOf(entry as StorageProfileEntry, where, folder, problems));
  });
  const names = new Set<string>();
  profiles.forEach(({ name }, index) => {
    if (names.has(name)) problems.push(`${VARIABLE}: profile name ${name} is used twice (entry ${index + 1})`);
    names.add(name);
  });
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return profiles;
}

function parse(path: string): unknown[] {
  return readJsonList(path, VARIABLE, 'storage profiles');
}

function entryProblems(entry: unknown, where: string): string[] {
  const problems = entryProblemsOf(StorageProfileEntry, entry, where);
  if (!isEntryObject(entry)) return problems;
  const given = entry as Partial<Record<keyof StorageProfileEntry, unknown>>;
  for (const field of ['accessKey', 'secretKey'] as const) {
    const inline = given[field] !== undefined;
    const inFile = given[`${field}File`] !== undefined;
    if (inline && inFile) problems.push(`${where}: give ${field} or ${field}File, not both`);
    if (!inline && !inFile) problems.push(`${where}: ${field} or ${field}File is required`);
  }
  if (given.vendor === S3_COMPATIBLE_VENDOR && given.endpoint === undefined) {
    problems.push(`${where}: endpoint is required for vendor ${S3_COMPATIBLE_VENDOR} (S3-compatible storage)`);
  }
  return problems;
}

/** The entry as a profile, its key files read; a file's problem is added to `problems`. */
function profileOf(entry: StorageProfileEntry, where: string, folder: string, problems: string[]): StorageProfile {
  const read = (file: string, field: string): string => {
    const text = readSmallFile(resolve(folder, file), KEY_FILE_MAX_BYTES);
    if (typeof text !== 'string') {
      problems.push(`${where}: ${field} ${text.problem}`);
      return '';
    }
    const key = text.trim();
    if (key === '') problems.push(`${where}: ${field} is empty`);
    return key;
  };
  const { name, vendor, region, bucket, endpoint, projects } = entry;
  const accessKey = entry.accessKey ?? read(entry.accessKeyFile!, 'accessKeyFile');
  const secretKey = entry.secretKey ?? read(entry.secretKeyFile!, 'secretKeyFile');
  return { name, vendor, region, bucket, accessKey, secretKey, ...(endpoint === undefined ? {} : { endpoint }), ...(projects === undefined ? {} : { projects }) };
}
