import { AccessToken2 } from 'agora-token/src/AccessToken2.js';
import type { ProjectCertificates } from './project-certificates.js';

/** Which of a project's certificates signed a token; `unknown` when none did (or no project is known). */
export type SignedWith = 'primary' | 'secondary' | 'unknown';

/**
 * Whether an AccessToken2 (`007…`) token was signed with this certificate, by agora-token's own
 * parser and check (so the answer is the one Agora's servers would give). False for anything unparsable.
 */
export function signedWithCertificate(token: string, certificate: string): boolean {
  const parsed = new AccessToken2();
  return parsed.from_string(token) && parsed.verifySignature(certificate);
}

/** Which of the project's certificates signed an AccessToken2 token. */
export function whichCertificate(token: string, project: ProjectCertificates | undefined): SignedWith {
  if (!project) return 'unknown';
  if (signedWithCertificate(token, project.primary)) return 'primary';
  if (project.secondary && signedWithCertificate(token, project.secondary)) return 'secondary';
  return 'unknown';
}
