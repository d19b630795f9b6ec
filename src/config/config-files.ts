import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { ConfigValidationError } from './env-validation.js';

/**
 * The configuration files the service reads (API_KEYS_FILE, AGORA_PROJECTS_FILE, AGORA_STORAGE_PROFILES_FILE and
 * the secret files they name), read one way: small regular files only, JSON lists validated entry by entry with
 * class-validator, problems that name the variable, entry and field, never a value.
 */

/** A list of short entries: far more than thousands of projects or keys. */
export const LIST_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A regular file's text, read only if it is at most `maxBytes`, or why not: a FIFO, a device or a huge file would
 * block or exhaust the process that serves tokens while it (re)loads its configuration.
 */
export function readSmallFile(path: string, maxBytes: number): string | { problem: string } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) return { problem: 'must be a regular file' };
    if (stat.size > maxBytes) return { problem: `is larger than ${maxBytes} bytes` };
    return readFileSync(descriptor, 'utf8');
  } catch {
    return { problem: 'cannot be read' };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * The entries of a file holding a non-empty JSON array (`noun` names them in problems: `projects`, `keys`).
 *
 * @example
 * readJsonList('/run/config/projects.json', 'AGORA_PROJECTS_FILE', 'projects'); // [{…}, {…}] or a ConfigValidationError
 */
export function readJsonList(path: string, variable: string, noun: string): unknown[] {
  const text = readSmallFile(path, LIST_FILE_MAX_BYTES);
  if (typeof text !== 'string') throw new ConfigValidationError([`${variable} ${text.problem}`]);
  let json: unknown;
  try {
    // A byte-order mark (Windows editors write one) is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ConfigValidationError([`${variable} is not valid JSON`]);
  }
  if (!Array.isArray(json)) throw new ConfigValidationError([`${variable} must hold a JSON array of ${noun}`]);
  if (json.length === 0) throw new ConfigValidationError([`${variable} lists no ${noun}`]);
  return json;
}

/**
 * What is wrong with one entry, against its class-validator class: `where` (`API_KEYS_FILE entry 2`) and the
 * field, never its value. Unknown fields are refused, so a typo cannot silently lift a limit.
 */
export function entryProblemsOf<T extends object>(schema: ClassConstructor<T>, entry: unknown, where: string): string[] {
  if (!isEntryObject(entry)) return [`${where} must be an object`];
  const errors = validateSync(plainToInstance(schema, entry), {
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

/** Whether a list entry is a JSON object (the only shape an entry may have), so its fields can be read. */
export function isEntryObject(entry: unknown): entry is Record<string, unknown> {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry);
}
