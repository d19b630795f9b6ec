import { MemoryWindowCounter } from './memory-window-counter.js';

describe('MemoryWindowCounter', () => {
  it('counts hits per key within a window, and starts again when it closes', () => {
    const counter = new MemoryWindowCounter();
    const t0 = 1_000_000;

    expect(counter.hit('a', 60_000, t0)).toEqual({ hits: 1, msLeft: 60_000 });
    expect(counter.hit('a', 60_000, t0 + 10_000)).toEqual({ hits: 2, msLeft: 50_000 });
    expect(counter.hit('b', 60_000, t0 + 10_000)).toEqual({ hits: 1, msLeft: 60_000 });
    expect(counter.hit('a', 60_000, t0 + 60_000)).toEqual({ hits: 1, msLeft: 60_000 });
  });

  it('forgets callers whose window closed', () => {
    const counter = new MemoryWindowCounter();
    const t0 = 1_000_000;
    for (let i = 0; i < 100; i++) counter.hit(`caller-${i}`, 60_000, t0);
    expect(counter.size).toBe(100);

    counter.hit('late', 60_000, t0 + 60_001);

    expect(counter.size).toBe(1);
  });
});
