import { jest } from '@jest/globals';
import fc from 'fast-check';
import { RateLimitStore } from './rate-limit.store.js';

const LIMIT = 3;
const inMemory = () => new RateLimitStore({ perMinute: LIMIT, redisUrl: undefined });

describe('RateLimitStore (in memory)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('counts each caller on its own, and answers over the budget with the count rather than an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 30 }), async (keys) => {
        const store = inMemory();
        const seen = new Map<string, number>();
        for (const key of keys) {
          const hits = (seen.get(key) ?? 0) + 1;
          seen.set(key, hits);
          const count = await store.hit(key);
          expect(count.consumedPoints).toBe(hits);
          expect(count.remainingPoints).toBe(Math.max(0, LIMIT - hits));
          expect(count.msBeforeNext).toBe(60_000);
        }
        jest.clearAllTimers();
      }),
    );
  });

  it('opens a one-minute window at a caller’s first request, and a fresh one once it has closed', async () => {
    const store = inMemory();
    const hit = async (key: string) => {
      const { consumedPoints, msBeforeNext } = await store.hit(key);
      return { consumedPoints, msBeforeNext };
    };

    expect(await hit('a')).toEqual({ consumedPoints: 1, msBeforeNext: 60_000 });
    jest.advanceTimersByTime(10_000);
    expect(await hit('a')).toEqual({ consumedPoints: 2, msBeforeNext: 50_000 });
    expect(await hit('b')).toEqual({ consumedPoints: 1, msBeforeNext: 60_000 });
    jest.advanceTimersByTime(49_999);
    expect(await hit('a')).toEqual({ consumedPoints: 3, msBeforeNext: 1 });
    jest.advanceTimersByTime(1);
    expect(await hit('a')).toEqual({ consumedPoints: 1, msBeforeNext: 60_000 });
    expect(await hit('b')).toEqual({ consumedPoints: 2, msBeforeNext: 10_000 });
  });
});
