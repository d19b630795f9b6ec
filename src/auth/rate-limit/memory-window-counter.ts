import type { WindowCount } from './window-count.interface.js';

interface Window {
  hits: number;
  endsAt: number;
}

/**
 * Fixed-window counters in this process: one Map entry per caller, O(1) per
 * request whatever the limit (@nestjs/throttler's built-in store keeps one entry
 * per hit). Closed windows are swept once a window length has passed.
 */
export class MemoryWindowCounter {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  hit(key: string, windowMs: number, now = Date.now()): WindowCount {
    if (now >= this.sweepAt) this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { hits: window.hits, msLeft: window.endsAt - now };
  }

  /** How many callers have an open window (for tests and diagnostics). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    this.sweepAt = now + windowMs;
  }
}
