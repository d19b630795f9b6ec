import { hash } from 'node:crypto';

/**
 * How many verified tokens are remembered. An entry is a 43-character digest and a small caller object (a few
 * hundred bytes with its globs), so the default costs a few MiB at most; it covers every end user active within
 * a token's lifetime on a replica serving thousands of them, and beyond it the least recently used go first.
 */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** When a cached verification holds, in seconds since the epoch, as the token's `nbf` and `exp` say. */
export interface ValidityWindow {
  /** The token's `nbf`, if it had one. */
  readonly nbf?: number;
  /** The token's `exp`: from that second on, the token is expired. */
  readonly exp: number;
}

interface Entry<T> extends ValidityWindow {
  readonly value: T;
}

/**
 * Verified JWTs and what they stand for, least recently used first, never more than `capacity` of them.
 *
 * Entries are keyed by the SHA-256 of the whole token (header, payload and signature), so a token that differs
 * in any byte, a tampered signature included, is a different entry and is verified in full. The digest, not the
 * token, is the key so that the heap (a snapshot, a core dump) holds no bearer credential, and so that an
 * entry's size does not grow with a caller's token.
 *
 * `clear()` starts a new generation: a verification that began before it (against a key set that has since
 * changed) is not stored when it ends.
 *
 * @example
 * const key = cache.keyOf(token);
 * const cached = cache.get(key, nowSeconds);
 * if (cached) return cached;
 * const generation = cache.generation;
 * const caller = await verifyInFull(token);
 * cache.set(key, caller, { exp: payload.exp, nbf: payload.nbf }, generation);
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private currentGeneration = 0;

  constructor(readonly capacity: number = VERIFIED_TOKEN_CACHE_SIZE) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** How many verified tokens are held. */
  get size(): number {
    return this.entries.size;
  }

  /** Pass this to `set` when the verification it started ends. */
  get generation(): number {
    return this.currentGeneration;
  }

  /** The entry key for a token: its SHA-256, base64url. */
  keyOf(token: string): string {
    return hash('sha256', token, 'base64url');
  }

  /** What the token stood for, if it was verified and `now` (seconds since the epoch) is within its window. */
  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now >= entry.exp || (entry.nbf !== undefined && now < entry.nbf)) {
      // Expired (or the clock went back before nbf): verified afresh, and refused there, like any other.
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Remembers a verified token, unless the cache was cleared since the verification began (`generation`). */
  set(key: string, value: T, window: ValidityWindow, generation: number): void {
    if (generation !== this.currentGeneration) return;
    this.entries.delete(key);
    this.entries.set(key, { value, exp: window.exp, nbf: window.nbf });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every token, and every verification still under way. */
  clear(): void {
    this.entries.clear();
    this.currentGeneration++;
  }
}
