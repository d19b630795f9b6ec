import fc from 'fast-check';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** A JWT-like string: three base64url parts. */
const tokenArb = fc
  .tuple(fc.base64String({ minLength: 4 }), fc.base64String({ minLength: 4 }), fc.base64String({ minLength: 4 }))
  .map((parts) => parts.map((part) => Buffer.from(part, 'base64').toString('base64url')).join('.'));

const NOW = 1_800_000_000;
const window = { exp: NOW + 600 };

describe('VerifiedTokenCache', () => {
  it('never holds more than its capacity, and keeps the most recently used', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.uniqueArray(tokenArb, { maxLength: 300 }), (capacity, tokens) => {
        const cache = new VerifiedTokenCache<string>(capacity);
        for (const token of tokens) {
          cache.set(cache.keyOf(token), token, window, cache.generation);
          expect(cache.size).toBeLessThanOrEqual(capacity);
        }
        const kept = tokens.slice(-capacity);
        expect(cache.size).toBe(kept.length);
        for (const token of kept) expect(cache.get(cache.keyOf(token), NOW)).toBe(token);
        for (const token of tokens.slice(0, -capacity)) expect(cache.get(cache.keyOf(token), NOW)).toBeUndefined();
      }),
    );
  });

  it('evicts the least recently read, not the oldest written', () => {
    const cache = new VerifiedTokenCache<string>(2);
    const [a, b, c] = ['a.a.a', 'b.b.b', 'c.c.c'].map((token) => cache.keyOf(token));
    cache.set(a, 'a', window, cache.generation);
    cache.set(b, 'b', window, cache.generation);
    expect(cache.get(a, NOW)).toBe('a');
    cache.set(c, 'c', window, cache.generation);

    expect([cache.get(a, NOW), cache.get(b, NOW), cache.get(c, NOW)]).toEqual(['a', undefined, 'c']);
  });

  it('holds 10,000 entries unless told otherwise, as the README says', () => {
    expect(new VerifiedTokenCache().capacity).toBe(10_000);
  });

  it('serves an entry only from its nbf and before its exp, as jose judges a token', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (exp, nbf, now) => {
          const cache = new VerifiedTokenCache<string>();
          const key = cache.keyOf('header.payload.signature');
          cache.set(key, 'alice', { exp, nbf }, cache.generation);

          const valid = now < exp && (nbf === undefined || nbf <= now);
          expect(cache.get(key, now)).toBe(valid ? 'alice' : undefined);
        },
      ),
    );
  });

  it('forgets an expired entry once it is read past its exp', () => {
    const cache = new VerifiedTokenCache<string>();
    const key = cache.keyOf('header.payload.signature');
    cache.set(key, 'alice', { exp: NOW + 1 }, cache.generation);

    expect(cache.get(key, NOW + 1)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get(key, NOW)).toBeUndefined();
  });

  it('forgets everything on clear, and does not store a verification that began before it', () => {
    const cache = new VerifiedTokenCache<string>();
    const [before, during] = [cache.keyOf('a.b.c'), cache.keyOf('d.e.f')];
    cache.set(before, 'before', window, cache.generation);
    const started = cache.generation;
    cache.clear();
    cache.set(during, 'during', window, started);

    expect([cache.get(before, NOW), cache.get(during, NOW), cache.size]).toEqual([undefined, undefined, 0]);
    cache.set(during, 'during', window, cache.generation);
    expect(cache.get(during, NOW)).toBe('during');
  });

  it('keys an entry by a fixed-size digest that differs for every token', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tokenArb, { minLength: 2, maxLength: 50 }), (tokens) => {
        const cache = new VerifiedTokenCache<string>();
        const keys = tokens.map((token) => cache.keyOf(token));
        expect(new Set(keys).size).toBe(tokens.length);
        for (const key of keys) expect(key).toMatch(/^[\w-]{43}$/);
      }),
    );
  });
});
