import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signedWithCertificate } from '../agora/token-signature.js';
import { MalformedToken } from './byte-reader.js';
import { decodeToken, type DecodedToken } from './token-decoder.js';
import { LEGACY_UNCHECKED, reportOf, type SignatureVerdict } from './token-report.js';

export const USAGE = `Usage: agora-token-service inspect <token | -> [--certificate HEX | --certificate-file PATH]

Prints what an Agora token (006 or 007) holds, as POST /v1/tokens/inspect answers, offline.
  <token>             the token, or - to read it from standard input (keeps it out of shell history)
  --certificate       the App Certificate to verify the signature with (32 hexadecimal characters)
  --certificate-file  a file holding the App Certificate (safer than a command-line argument)`;

/** What a run prints and how it ends. */
export interface CommandResult {
  code: number;
  stdout?: string;
  stderr?: string;
}

const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * `inspect`: the inspection answer for a token, offline, with the certificate given (if any) standing in
 * for a configured project. Exit codes: 0 inspected, 1 not a token, 2 wrong usage. Never prints the
 * certificate or the token.
 */
export function runInspect(args: string[], readStdin: () => string, now = new Date()): CommandResult {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { certificate: { type: 'string' }, 'certificate-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${USAGE}\n` };
  if (positionals.length !== 1) return usage('give exactly one token (or - to read it from standard input)');
  if (values.certificate !== undefined && values['certificate-file'] !== undefined) return usage('give --certificate or --certificate-file, not both');

  let certificate: string | undefined;
  try {
    certificate = values['certificate-file'] !== undefined ? readFileSync(values['certificate-file'], 'utf8').trim() : values.certificate;
  } catch {
    return usage('the certificate file cannot be read');
  }
  if (certificate !== undefined && !HEX32.test(certificate)) return usage('the certificate must be 32 hexadecimal characters');

  const token = (positionals[0] === '-' ? readStdin() : positionals[0]).trim();
  try {
    const decoded = decodeToken(token);
    const verdict = verdictFor(token, decoded, certificate);
    return { code: 0, stdout: `${JSON.stringify(reportOf(decoded, verdict, now), null, 2)}\n` };
  } catch (error) {
    if (error instanceof MalformedToken) return { code: 1, stderr: `Not an Agora token: ${error.message}.\n` };
    throw error;
  }
}

/** The certificate given stands for a project's primary one; there is no project name offline. */
function verdictFor(token: string, decoded: DecodedToken, certificate: string | undefined): SignatureVerdict {
  const unchecked = (why: string): SignatureVerdict => ({ project: null, signedWith: 'unknown', unchecked: why });
  if (!certificate) return unchecked('No certificate was given: the signature was not checked.');
  if (decoded.format === '006') return unchecked(LEGACY_UNCHECKED);
  if (signedWithCertificate(token, certificate)) return { project: null, signedWith: 'primary' };
  return unchecked('The certificate given did not sign this token: Agora will reject it.');
}

function usage(problem: string): CommandResult {
  return { code: 2, stderr: `agora-token-service: ${problem}\n\n${USAGE}\n` };
}
