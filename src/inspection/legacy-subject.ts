import { crc32 } from 'node:zlib';
import type { LegacyTokenSubject } from '../agora/token-signature.js';
import type { DecodedToken } from './token-decoder.js';

/** What a caller may say a `006` token was built for, so its signature can be checked. */
export interface LegacySubjectHints {
  /** The channel name (RTC). */
  channel?: string;
  /** The uid as digits, or the account (RTC); the user id of a Signaling token, given alone. */
  user?: string;
}

/** The subject to verify a 006 token with, or why there is none (a note for the answer). */
export type LegacySubjectVerdict = { subject: LegacyTokenSubject } | { unchecked: string };

export const LEGACY_UNCHECKED =
  'An AccessToken (006) signs its channel and uid but holds only their checksums: send `channel` and `user` (or `user` alone for a Signaling token) to check its signature.';

/**
 * Matches the hints against the checksums a 006 token holds: a Signaling 006 token signs the user id
 * as its channel and an empty uid. A mismatch says which one differs — the usual cause of a rejected
 * token is a uid where an account was signed, or the other way round.
 */
export function legacySubject(decoded: DecodedToken, hints: LegacySubjectHints): LegacySubjectVerdict {
  const sums = decoded.legacyChecksums;
  if (!sums || (hints.channel === undefined && hints.user === undefined)) return { unchecked: LEGACY_UNCHECKED };
  const subject = hints.channel !== undefined ? { channel: hints.channel, uid: hints.user ?? '' } : { channel: hints.user!, uid: '' };
  // The uid 0 means any uid, and is signed as ''.
  if (subject.uid === '0') subject.uid = '';
  if (crc32(subject.channel) !== sums.channel) {
    return { unchecked: `The token was not built for ${hints.channel !== undefined ? 'the channel' : 'the Signaling user'} given (its checksum differs): the signature was not checked.` };
  }
  if (crc32(subject.uid) !== sums.uid) {
    return { unchecked: 'The token was built for the channel given but not for the user given (a uid where an account was signed, or the other way round?): the signature was not checked.' };
  }
  return { subject };
}

/** Shows a verified subject in the token's services, where the token itself holds only checksums. */
export function withSubject(decoded: DecodedToken, subject: LegacyTokenSubject): DecodedToken {
  const services = decoded.services.map((service) =>
    service.kind === 'rtm' ? { ...service, user: subject.channel } : { ...service, channel: subject.channel, user: subject.uid },
  );
  return { ...decoded, services };
}
