import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MalformedToken } from './byte-reader.js';
import { decodeToken, type DecodedToken } from './token-decoder.js';
import type { LegacySubjectHints } from './legacy-subject.js';
import { reportOf } from './token-report.js';
import { judge, type JudgedToken } from './token-verdict.js';

export const USAGE = `Usage: agora-token-service inspect <token | -> [--certificate HEX | --certificate-file PATH] [--channel C] [--user U]

Prints what an Agora token (006 or 007) holds, as POST /v1/tokens/inspect answers, offline.
  <token>             the token, or - to read it from standard input (keeps it out of shell history)
  --certificate       the App Certificate to verify the signature with (32 hexadecimal characters)
  --certificate-file  a file holding the App Certificate (safer than a command-line argument)
  --channel, --user   for a 006 token, which holds only checksums of them: the channel and uid or account
                      it should be for (--user alone: a Signaling token's user id)`;

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
      options: {
        certificate: { type: 'string' },
        'certificate-file': { type: 'string' },
        channel: { type: 'string' },
        user: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
    const judged = judgeOffline(token, decoded, certificate, { channel: values.channel, user: values.user });
    return { code: 0, stdout: `${JSON.stringify(reportOf(judged.decoded, judged.verdict, now), null, 2)}\n` };
  } catch (error) {
    if (error instanceof MalformedToken) return { code: 1, stderr: `Not an Agora token: ${error.message}.\n` };
    throw error;
  }
}

/** The certificate given stands for a project's primary one; there is no project name offline. */
function judgeOffline(token: string, decoded: DecodedToken, certificate: string | undefined, hints: LegacySubjectHints): JudgedToken {
  if (!certificate) return { decoded, verdict: { project: null, signedWith: 'unknown', unchecked: 'No certificate was given: the signature was not checked.' } };
  const judged = judge(token, decoded, { name: '', appId: decoded.appId, certificate }, hints);
  const verdict = { ...judged.verdict, project: null };
  if (verdict.signedWith === 'unknown' && !verdict.unchecked) verdict.unchecked = 'The certificate given did not sign this token: Agora will reject it.';
  return { decoded: judged.decoded, verdict };
}

function usage(problem: string): CommandResult {
  return { code: 2, stderr: `agora-token-service: ${problem}\n\n${USAGE}\n` };
}
