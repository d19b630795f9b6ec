import { AGORA_MAX_EXPIRE_SECONDS } from '../agora/agora.constants.js';
import type { SignedWith } from '../agora/token-signature.js';
import type { InspectedServiceDto, PrivilegeExpiryDto } from './dto/inspected-service.dto.js';
import type { TokenInspectionDto } from './dto/token-inspection.dto.js';
import type { DecodedToken } from './token-decoder.js';
import { privilegeName, SERVICE_FORMATS } from './token-services.js';

/** How the signature was judged: by a configured project (or a certificate given to the CLI), or not at all. */
export interface SignatureVerdict {
  /** The project's name; null when the App ID is not configured here. */
  project: string | null;
  signedWith: SignedWith;
  /** Why no certificate was tried, in plain words, when none was. */
  unchecked?: string;
}

/** A lifetime this long was surely given as a Unix timestamp: Agora's tokens last at most 24 hours. */
const TIMESTAMP_LIKE_SECONDS = 10 * 365 * 86_400;

/** The inspection answer (the same for the route and the CLI) for a decoded token. */
export function reportOf(decoded: DecodedToken, verdict: SignatureVerdict, now: Date): TokenInspectionDto {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const services = decoded.services.map((service, index): InspectedServiceDto => {
    const format = [...SERVICE_FORMATS.values()].find(({ kind }) => kind === service.kind);
    const privileges: Record<string, PrivilegeExpiryDto> = {};
    for (const [id, at] of decoded.privilegeExpiries[index]) privileges[privilegeName(format, id)] = { expiresAt: iso(at) };
    const { privileges: _stored, ...fields } = service;
    return { ...fields, privileges };
  });
  return {
    format: decoded.format,
    appId: decoded.appId,
    project: verdict.project,
    issuedAt: iso(decoded.issuedAt),
    expiresAt: iso(decoded.expiresAt)!,
    secondsLeft: Math.max(0, decoded.expiresAt - nowSeconds),
    expired: decoded.expiresAt <= nowSeconds,
    signatureValid: verdict.signedWith !== 'unknown',
    signedWith: verdict.signedWith,
    services,
    notes: notesOn(decoded, verdict, nowSeconds),
  };
}

function iso(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/** The usual reasons Agora rejects a token, as far as the token shows them. */
function notesOn(decoded: DecodedToken, verdict: SignatureVerdict, now: number): string[] {
  const notes: string[] = [];
  if (verdict.unchecked) notes.push(verdict.unchecked);
  else if (verdict.signedWith === 'unknown') {
    notes.push(`None of project ${verdict.project}'s certificates signed this token: Agora will reject it (another project's certificate, or an altered token?).`);
  }
  if (decoded.expiresAt <= now) notes.push('The token has expired.');
  if (decoded.issuedAt !== null && decoded.issuedAt > now + 300) notes.push('The token was issued in the future: is the issuing server’s clock right?');
  if (decoded.issuedAt !== null && decoded.expiresAt - decoded.issuedAt > TIMESTAMP_LIKE_SECONDS) {
    notes.push('The token’s lifetime is decades long: its expiry was probably given as a Unix timestamp instead of seconds from now.');
  } else if (decoded.issuedAt !== null && decoded.expiresAt - decoded.issuedAt > AGORA_MAX_EXPIRE_SECONDS) {
    notes.push('The token’s lifetime is longer than the 24 hours Agora accepts.');
  }
  decoded.services.forEach((service, index) => {
    const ends = [...decoded.privilegeExpiries[index].values()];
    if (ends.some((at) => at !== null && at <= now) && decoded.expiresAt > now) {
      notes.push(`A privilege of the ${service.kind} service has expired, though the token has not.`);
    }
    if (service.kind === 'rtc' && service.user === '') notes.push('The RTC service has no uid (uid 0): any uid may join with it.');
  });
  if (decoded.services.length === 0) notes.push('The token holds no service: it allows nothing.');
  return notes;
}
