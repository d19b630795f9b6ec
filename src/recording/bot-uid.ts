import { randomInt } from 'node:crypto';

/** Agora's largest uid (2^32 - 1); 0 means "any user", which a recorder may not be. */
const MAX_UID = 2 ** 32 - 1;

/**
 * A uid for the recording bot: a random integer in [1, 2^32 - 1] (Agora's cloud recording takes integer uids
 * only, as a string) that none of the request's subscribe and unsubscribe lists names, so the bot never takes the
 * place of a user the request knows of. (Users it does not name are 1 in 4 billion to collide with.)
 *
 * @example
 * botUid(['42', '#allstream#']); // "3141592653"
 */
export function botUid(named: Iterable<string>, pick: () => number = () => randomInt(1, MAX_UID + 1)): string {
  const taken = new Set(named);
  for (;;) {
    const uid = String(pick());
    if (!taken.has(uid)) return uid;
  }
}
