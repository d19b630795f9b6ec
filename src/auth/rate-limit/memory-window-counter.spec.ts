import { jest } from '@jest/globals';
import fc from 'fast-check';
import { MemoryWindowCounter } from './memory-window-counter.js';

const WINDOW_MS = 60_000;

describe('MemoryWindowCounter', () => {
  let counter: MemoryWindowCounter;
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => {
    counter?.close();
    jest.useRealTimers();
  });

  it('counts like a fixed window opened by each caller’s first request, whatever the pauses between requests', () => {
    // Requests: which of a few callers, and how long after the previous request (up to three windows).
    const requests = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 * WINDOW_MS })), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), requests, (limit, sequence) => {
        jest.setSystemTime(1_000_000);
        counter?.close();
        counter = new MemoryWindowCounter(limit, WINDOW_MS);
        // The model: each caller's window start and count, kept forever.
        const model = new Map<string, { opened: number; count: number }>();
        const lastSeen = new Map<string, number>();
        for (const [key, pause] of sequence) {
          jest.advanceTimersByTime(pause);
          const now = Date.now();
          let window = model.get(key);
          if (!window || now >= window.opened + WINDOW_MS) model.set(key, (window = { opened: now, count: 0 }));
          window.count++;
          lastSeen.set(key, now);
          expect(counter.hit(key)).toEqual({
            consumedPoints: window.count,
            remainingPoints: Math.max(0, limit - window.count),
            msBeforeNext: window.opened + WINDOW_MS - now,
          });
          // Never more entries than the callers seen in the last two windows.
          const recent = [...lastSeen.values()].filter((at) => at > now - 2 * WINDOW_MS).length;
          expect(counter.size).toBeLessThanOrEqual(recent);
        }
      }),
    );
  });

  it('holds 100,000 distinct callers of one window, and frees them all once their windows have closed, idle or not', () => {
    counter = new MemoryWindowCounter(600, WINDOW_MS);
    const callers = 100_000;
    for (let i = 0; i < callers; i++) {
      // Spread over the window, so some open late in one generation and stay open into the next.
      if (i % 1_000 === 0) jest.advanceTimersByTime(590);
      expect(counter.hit(`anonymous:10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`).consumedPoints).toBe(1);
    }
    expect(counter.size).toBe(callers);
    // A caller of the burst still counts on in its open window.
    expect(counter.hit('anonymous:10.1.134.159').consumedPoints).toBe(2);
    // No request follows: the idle timer drops every generation whose windows have all closed.
    jest.advanceTimersByTime(2 * WINDOW_MS);
    expect(counter.size).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    expect(counter.hit('anonymous:10.1.134.159').consumedPoints).toBe(1);
  });

  it('keeps a window that opened late in one generation open into the next, and drops it when it closes', () => {
    counter = new MemoryWindowCounter(600, WINDOW_MS);
    jest.advanceTimersByTime(WINDOW_MS - 1_000);
    counter.hit('late');
    jest.advanceTimersByTime(30_000);
    expect(counter.hit('late')).toMatchObject({ consumedPoints: 2, msBeforeNext: 30_000 });
    counter.hit('fresh');
    expect(counter.size).toBe(2);
    jest.advanceTimersByTime(30_000);
    // `late` closed, `fresh` (opened in the current generation) still open.
    expect(counter.hit('fresh')).toMatchObject({ consumedPoints: 2, msBeforeNext: 30_000 });
    jest.advanceTimersByTime(WINDOW_MS);
    expect(counter.size).toBe(1);
    expect(counter.hit('late')).toMatchObject({ consumedPoints: 1, msBeforeNext: WINDOW_MS });
  });
});
