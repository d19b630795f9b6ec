import { AccessToken } from 'agora-token/src/AccessToken.js';
import { AccessToken2 } from 'agora-token/src/AccessToken2.js';
import type { AgoraProject } from './projects/project.interface.js';

/** Which of a project's certificates signed a token; `unknown` when none did (or no project is known). */
export type SignedWith = 'primary' | 'secondary' | 'unknown';

/**
 * What a legacy AccessToken (`006`) signs but holds only checksums of: its channel name and its uid
 * ('' for uid 0; an RTM 006 token has the user id as its channel and '' as its uid).
 */
export interface LegacyTokenSubject {
  readonly channel: string;
  readonly uid: string;
}

/**
 * Whether a token was signed with this certificate, by agora-token's own parsers (so the answer is the
 * one Agora's servers would give). A `006` token can be checked only with its subject: without one, false.
 */
export function signedWithCertificate(token: string, certificate: string, subject?: LegacyTokenSubject): boolean {
  if (token.startsWith('006')) {
    if (!subject) return false;
    // AccessToken has no check of its own: rebuilding the token with this certificate must give it back.
    const legacy = new AccessToken('', certificate, subject.channel, subject.uid);
    return legacy.fromString(token) && legacy.build() === token;
  }
  const parsed = new AccessToken2();
  return parsed.from_string(token) && parsed.verifySignature(certificate);
}

/** Which of the project's certificates signed a token. */
export function whichCertificate(token: string, project: AgoraProject | undefined, subject?: LegacyTokenSubject): SignedWith {
  if (!project) return 'unknown';
  if (signedWithCertificate(token, project.certificate, subject)) return 'primary';
  if (project.secondaryCertificate && signedWithCertificate(token, project.secondaryCertificate, subject)) return 'secondary';
  return 'unknown';
}
