import { randomBytes, randomInt } from 'node:crypto';
import { ACCOUNT_MAX_BYTES, CHANNEL_PATTERN, UINT32_MAX } from '../agora/agora.constants.js';
import type { Caller } from '../auth/caller.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { bindIdentity, rtcUserFields } from '../tokens/identity-binding.js';

/** Who a player is in its channel: a uid or an account, never both. */
export type PlayerUser = { readonly uid: number; readonly account?: undefined } | { readonly account: string; readonly uid?: undefined };

/**
 * The player's user: an end user's own identity (the account, or the uid when their identity is that number, as for
 * their RTC tokens: src/tokens/identity-binding.ts); for other callers the uid or account they sent, else a random uid
 * in [1, 2^32 - 1]. Never uid 0, which Agora reads as "pick one" and a token reads as "any user": the player's token
 * must name exactly the user it joins as.
 */
export function playerUser(request: { uid?: number; account?: string }, caller: Caller): PlayerUser {
  const bound = { uid: request.uid, account: request.account };
  bindIdentity([rtcUserFields<typeof bound>('uid', 'account')], bound, caller);
  if (bound.account !== undefined) {
    // An end user's identity became the account: Agora takes only its channel characters there.
    if (!CHANNEL_PATTERN.test(bound.account) || Buffer.byteLength(bound.account) > ACCOUNT_MAX_BYTES) throw ValidationProblemException.field('account', `account must be 1 to ${ACCOUNT_MAX_BYTES} bytes of Agora’s channel characters; send your identity as uid if it is a number`);
    return { account: bound.account };
  }
  return { uid: bound.uid ?? randomInt(1, UINT32_MAX + 1) };
}

/**
 * A player name for Agora: unique in the project (96 random bits), within Agora's rule (1 to 64 of a-z A-Z 0-9 - _),
 * so two creates never collide and a repeated create can never take over another player's name.
 */
export function playerName(): string {
  return `pull-${randomBytes(12).toString('base64url')}`;
}
