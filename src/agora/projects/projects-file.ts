import { dirname, resolve } from 'node:path';
import { entryProblemsOf, isEntryObject, readJsonList, readSmallFile } from '../../config/config-files.js';
import { ConfigValidationError } from '../../config/env-validation.js';
import type { AgoraProject } from './project.interface.js';
import { CUSTOMER_SECRET, CUSTOMER_SECRET_RULE, HEX32, ProjectEntry } from './project-entry.js';

const VARIABLE = 'AGORA_PROJECTS_FILE';

/**
 * Reads and validates AGORA_PROJECTS_FILE: a JSON array of
 * `{ name, appId, certificate | certificateFile, secondaryCertificate? | secondaryCertificateFile?,
 * customerId? + (customerSecret | customerSecretFile)? }`, the first project being the default. A certificate
 * file holds the 32 hex characters, a customer secret file the secret (surrounding white space ignored); a
 * relative path is read from the projects file's folder. Errors name the
 * entry and field, never a value; every problem is reported, not only the first.
 *
 * @example
 * loadProjectsFile('/run/config/projects.json'); // [{ name: 'video', appId: '…', certificate: '…' }]
 */
export function loadProjectsFile(path: string): AgoraProject[] {
  return readProjectsFile(path).projects;
}

/** The projects of AGORA_PROJECTS_FILE, and every file they were read from (the projects file first), to watch. */
export interface ProjectsFileContent {
  readonly projects: AgoraProject[];
  readonly files: readonly string[];
}

/** As loadProjectsFile, also naming the certificate files it read. */
export function readProjectsFile(path: string): ProjectsFileContent {
  const entries = parse(path);
  const problems: string[] = [];
  const files = [resolve(path)];
  const folder = dirname(path);
  const loaded: Array<{ project: AgoraProject; index: number }> = [];
  entries.forEach((entry, index) => {
    const own = entryProblems(entry, index);
    problems.push(...own);
    // An entry's certificate files are read once its fields are valid, so their problems are listed too.
    if (own.length === 0) loaded.push({ project: project(entry as ProjectEntry, index, folder, problems, files), index });
  });
  problems.push(...duplicates(loaded));
  // The files it named go with the refusal: a reloader watches them, so a certificate file written after the
  // projects file that names it (a ConfigMap updated before its Secret) is taken when it appears.
  if (problems.length > 0) throw Object.assign(new ConfigValidationError(problems), { files });
  return { projects: loaded.map(({ project }) => project), files };
}

function parse(path: string): unknown[] {
  return readJsonList(path, VARIABLE, 'projects');
}

function entryProblems(entry: unknown, index: number): string[] {
  const where = `${VARIABLE} entry ${index + 1}`;
  const problems = entryProblemsOf(ProjectEntry, entry, where);
  if (!isEntryObject(entry)) return problems;
  const given = entry as Partial<Record<keyof ProjectEntry, unknown>>;
  for (const field of ['certificate', 'secondaryCertificate'] as const) {
    const inline = given[field] !== undefined;
    const inFile = given[`${field}File`] !== undefined;
    if (inline && inFile) problems.push(`${where}: give ${field} or ${field}File, not both`);
    if (field === 'certificate' && !inline && !inFile) problems.push(`${where}: certificate or certificateFile is required`);
  }
  const secret = given.customerSecret !== undefined;
  const secretFile = given.customerSecretFile !== undefined;
  if (secret && secretFile) problems.push(`${where}: give customerSecret or customerSecretFile, not both`);
  // Both or neither: half of the REST credentials would switch a feature on that Agora then refuses on every call.
  if (given.customerId !== undefined && !secret && !secretFile) problems.push(`${where}: customerId needs customerSecret or customerSecretFile`);
  if (given.customerId === undefined && (secret || secretFile)) problems.push(`${where}: customerSecret needs customerId`);
  return problems;
}

/** The entry as a project, its certificate files read; a file's problem is added to `problems`. */
function project(entry: ProjectEntry, index: number, folder: string, problems: string[], files: string[]): AgoraProject {
  const where = `${VARIABLE} entry ${index + 1}`;
  const read = (file: string, field: string) => {
    files.push(resolve(folder, file));
    return certificateIn(resolve(folder, file), `${where}: ${field}`, problems);
  };
  const certificate = entry.certificate ?? read(entry.certificateFile!, 'certificateFile');
  const secondary =
    entry.secondaryCertificate ?? (entry.secondaryCertificateFile === undefined ? undefined : read(entry.secondaryCertificateFile, 'secondaryCertificateFile'));
  const customerSecret =
    entry.customerSecret ?? (entry.customerSecretFile === undefined ? undefined : customerSecretIn(entry.customerSecretFile, where, folder, problems, files));
  // Agora writes App IDs and certificates in lower case, and signs with the certificate's text: a token signed
  // with an upper-case spelling would verify here and be refused by Agora.
  return {
    name: entry.name,
    appId: entry.appId.toLowerCase(),
    certificate: certificate.toLowerCase(),
    ...(secondary ? { secondaryCertificate: secondary.toLowerCase() } : {}),
    ...(entry.customerId !== undefined && customerSecret !== undefined ? { rest: { customerId: entry.customerId, customerSecret } } : {}),
  };
}

function customerSecretIn(file: string, where: string, folder: string, problems: string[], files: string[]): string {
  const path = resolve(folder, file);
  files.push(path);
  const read = readSmallFile(path, CERTIFICATE_FILE_MAX_BYTES);
  if (typeof read !== 'string') {
    problems.push(`${where}: customerSecretFile ${read.problem}`);
    return '';
  }
  const text = read.trim();
  if (!CUSTOMER_SECRET.test(text)) problems.push(`${where}: customerSecretFile must hold ${CUSTOMER_SECRET_RULE}`);
  return text;
}

function certificateIn(path: string, what: string, problems: string[]): string {
  const read = readSmallFile(path, CERTIFICATE_FILE_MAX_BYTES);
  if (typeof read !== 'string') {
    problems.push(`${what} ${read.problem}`);
    return '';
  }
  const text = read.trim();
  if (!HEX32.test(text)) problems.push(`${what} must hold 32 hexadecimal characters`);
  return text.toLowerCase();
}

/** A certificate file holds 32 characters and a newline. */
const CERTIFICATE_FILE_MAX_BYTES = 1024;

function duplicates(loaded: ReadonlyArray<{ project: AgoraProject; index: number }>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const appIds = new Set<string>();
  loaded.forEach(({ project: { name, appId }, index }) => {
    if (names.has(name)) problems.push(`${VARIABLE} entry ${index + 1}: name is used twice`);
    if (appIds.has(appId.toLowerCase())) problems.push(`${VARIABLE} entry ${index + 1}: appId is used twice`);
    names.add(name);
    appIds.add(appId.toLowerCase());
  });
  return problems;
}
