import { createHash } from 'node:crypto';
import type { Caller } from './caller.interface.js';

/**
 * The owner a caller is, as the ids of what it starts at Agora (recordings, transcriptions, converters, players,
 * stream keys) carry it: a digest of the caller's kind and id (an API key's id, an end user's identity), which keeps
 * ids short (a JWT identity may take 255 bytes) and names nobody. All anonymous callers (AUTH_MODE=none, where nobody
 * is told apart) are one owner.
 */
export function ownerOf(caller: Caller): string {
  const who = caller.kind === 'anonymous' ? 'anonymous' : `${caller.kind}:${caller.id}`;
  return createHash('sha256').update(who, 'utf8').digest('base64url').slice(0, 22);
}
