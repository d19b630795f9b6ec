import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_NAME } from '../../src/agora/projects/project-entry.js';

/** A fresh random App ID or App Certificate: 32 hexadecimal characters, as the Agora console shows them. */
export function newHex32(): string {
  return randomBytes(16).toString('hex');
}

/** `count` different project names, drawn from every name a projects file allows. */
export function newProjectNames(count: number): string[] {
  return fc.sample(fc.uniqueArray(fc.stringMatching(PROJECT_NAME), { minLength: count, maxLength: count }), 1)[0];
}

/** An entry of AGORA_PROJECTS_FILE, as an operator writes it. */
export type ProjectsFileEntry = Record<string, string>;

let written = 0;

/**
 * A folder holding AGORA_PROJECTS_FILE and the certificate files it names, as a ConfigMap and a Secret
 * mount would. Every write is whole: a temporary file renamed over the old one, the way operators'
 * tools and Kubernetes replace files, so a reader never sees half a file.
 */
export class ProjectsFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'projects-'));
  readonly projectsFile = join(this.path, 'projects.json');

  /** Writes a certificate file (a newline after the hex, as `echo` leaves it); returns its name in the folder. */
  certificate(name: string, certificate: string): string {
    this.replace(name, `${certificate}\n`);
    return name;
  }

  /** Writes the projects file. */
  projects(entries: ProjectsFileEntry[]): void {
    this.replace('projects.json', JSON.stringify(entries, null, 2));
  }

  /**
   * Writes certificate files the way the kubelet updates a mounted Secret: each name is a symlink to
   * `..data/name`, and `..data` a symlink to the current version's folder, swapped in one rename.
   */
  secret(version: string, certificates: Record<string, string>): void {
    mkdirSync(join(this.path, `..${version}`));
    for (const [name, certificate] of Object.entries(certificates)) {
      writeFileSync(join(this.path, `..${version}`, name), `${certificate}\n`);
      if (!existsSync(join(this.path, name))) symlinkSync(join('..data', name), join(this.path, name));
    }
    symlinkSync(`..${version}`, join(this.path, '..data_tmp'));
    renameSync(join(this.path, '..data_tmp'), join(this.path, '..data'));
  }

  /** Writes any content in place of a file of the folder. */
  replace(name: string, content: string): void {
    const temporary = join(this.path, `.${name}.${++written}.tmp`);
    writeFileSync(temporary, content);
    renameSync(temporary, join(this.path, name));
  }
}

/** The generation of the projects configuration GET /health/ready reports, for polling until a reload is served. */
export async function readyGeneration(baseUrl: string): Promise<number> {
  const ready = (await (await fetch(`${baseUrl}/health/ready`)).json()) as { info: { projects: { generation: number } } };
  return ready.info.projects.generation;
}

/** The generation as readiness and /metrics (agora_projects_config_generation) report it, which must agree. */
export async function generationsOf(baseUrl: string): Promise<{ ready: number; metrics: number }> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const gauge = /^agora_projects_config_generation (\d+)$/m.exec(metrics);
  return { ready: await readyGeneration(baseUrl), metrics: gauge ? Number(gauge[1]) : NaN };
}

/** A spawned service's complete JSON log lines whose message contains `text`. */
export function logLines(output: string, text: string): { level: unknown; msg: string }[] {
  return output
    .slice(0, output.lastIndexOf('\n')) // the last line may still be arriving
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(text))
    .map((line) => JSON.parse(line) as { level: unknown; msg?: string })
    .flatMap(({ level, msg }) => (msg?.includes(text) ? [{ level, msg }] : []));
}
