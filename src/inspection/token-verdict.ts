import type { AgoraProject } from '../agora/projects/project.interface.js';
import { whichCertificate } from '../agora/token-signature.js';
import { legacySubject, withSubject, type LegacySubjectHints } from './legacy-subject.js';
import type { DecodedToken } from './token-decoder.js';
import type { SignatureVerdict } from './token-report.js';

/** A token judged: its content (with a 006 token's subject filled in once verified) and the signature verdict. */
export interface JudgedToken {
  decoded: DecodedToken;
  verdict: SignatureVerdict;
}

/**
 * Checks a decoded token's signature against a project (the configured one of its App ID, or the
 * certificate the CLI was given), for the route and the CLI alike.
 */
export function judge(token: string, decoded: DecodedToken, project: AgoraProject | undefined, hints: LegacySubjectHints): JudgedToken {
  const name = project?.name ?? null;
  if (decoded.format === '007') return { decoded, verdict: { project: name, signedWith: whichCertificate(token, project) } };
  const legacy = legacySubject(decoded, hints);
  if ('unchecked' in legacy) return { decoded, verdict: { project: name, signedWith: 'unknown', unchecked: legacy.unchecked } };
  const signedWith = whichCertificate(token, project, legacy.subject);
  return { decoded: signedWith === 'unknown' ? decoded : withSubject(decoded, legacy.subject), verdict: { project: name, signedWith } };
}
