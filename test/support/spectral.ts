import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const SPECTRAL = resolve('node_modules/.bin/spectral');
/** The project's ruleset: Spectral's OpenAPI rules and ours. */
export const RULESET = resolve('.spectral.yaml');

/** One finding of Spectral's JSON report. */
export interface Finding {
  code: string;
  message: string;
  path: string[];
  /** 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
  /** The file it is in: one of the documents linted. */
  source: string;
}

/**
 * Lints each document with the Spectral CLI (two runs side by side, each for half of them) and
 * returns every finding, by document name. The CLI exits non-zero when it
 * finds errors; its report is on stdout either way.
 */
export async function lintDocuments(documents: Record<string, unknown>): Promise<Record<string, Finding[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const files = Object.fromEntries(Object.keys(documents).map((name) => [name, join(dir, `${name}.json`)]));
    await Promise.all(Object.entries(documents).map(([name, document]) => writeFile(files[name], JSON.stringify(document))));
    // Two CLI runs side by side: one run lints its files one after the other, on one core.
    const paths = Object.values(files);
    const half = Math.ceil(paths.length / 2);
    const findings = (await Promise.all([paths.slice(0, half), paths.slice(half)].filter((part) => part.length > 0).map(runSpectral))).flat();
    return Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, findings.filter((finding) => finding.source === file)]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runSpectral(files: string[]): Promise<Finding[]> {
  const args = ['lint', '--ruleset', RULESET, '--format', 'json', '--fail-severity', 'error', '--quiet', ...files];
  // NODE_OPTIONS cleared: Jest's --experimental-vm-modules is not for the CLI.
  const options = { env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 * 1024 * 1024 };
  try {
    return parse((await promisify(execFile)(SPECTRAL, args, options)).stdout);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout?.trim().startsWith('[')) return parse(stdout);
    throw new Error(`Spectral failed: ${stderr ?? String(error)}`);
  }
}

function parse(stdout: string): Finding[] {
  return JSON.parse(stdout) as Finding[];
}

/** Findings as lines a reader can act on: `code path: message`. */
export function describeFindings(findings: Finding[]): string {
  return findings.map(({ code, path, message }) => `${code} ${path.join('.')}: ${message}`).join('\n');
}
