/** A caller's count in its current window: what the rate limiter answers with, from memory or Redis. */
export interface WindowCount {
  /** Requests counted in this window, this one included (over the budget when it is refused). */
  consumedPoints: number;
  /** What is left of the budget in this window, never below 0. */
  remainingPoints: number;
  /** Milliseconds until the window closes. */
  msBeforeNext: number;
}

/** One caller's open window. */
interface Window {
  count: number;
  closesAt: number;
}

/**
 * Fixed-window counters in this process: each caller's window opens with its first request and lasts
 * `windowMs`. Windows are kept in two generations of `windowMs` each: one Map for the windows opened in
 * the current generation, one for those opened in the previous one. Every window of a generation before
 * that has closed, so turning a generation over drops a whole Map at once: no timer per caller (the
 * library's MemoryStorage arms and keeps one per window), no sweep, and entries held are bounded by the
 * callers seen in the last two windows. One unref'd timer turns the generations over while the service
 * is idle, so the memory of a burst of callers (100,000 addresses under AUTH_MODE=none) is freed even
 * if no request follows.
 *
 * @example
 * const counter = new MemoryWindowCounter(600, 60_000);
 * const { consumedPoints, remainingPoints, msBeforeNext } = counter.hit('anonymous:203.0.113.7');
 */
export class MemoryWindowCounter {
  private current = new Map<string, Window>();
  private previous = new Map<string, Window>();
  /** When the current generation began (Date.now()). */
  private generationStart: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.generationStart = Date.now();
    this.timer = setInterval(() => this.turnOver(Date.now()), windowMs);
    this.timer.unref();
  }

  /** Counts one request under `key` and answers its window's count, over the budget or not. */
  hit(key: string): WindowCount {
    const now = Date.now();
    if (now - this.generationStart >= this.windowMs) this.turnOver(now);
    let window = this.current.get(key) ?? this.previous.get(key);
    if (window === undefined || window.closesAt <= now) {
      // A closed window can only be in `previous` (every window of `current` is still open).
      if (window !== undefined) this.previous.delete(key);
      window = { count: 0, closesAt: now + this.windowMs };
      this.current.set(key, window);
    }
    const count = ++window.count;
    return { consumedPoints: count, remainingPoints: Math.max(0, this.limit - count), msBeforeNext: window.closesAt - now };
  }

  /** Callers whose windows this process holds (open ones, and closed ones not yet dropped). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Stops the idle timer (it is unref'd: this only matters to tests and shutdown). */
  close(): void {
    clearInterval(this.timer);
  }

  /** Drops every generation whose windows have all closed by `now`. */
  private turnOver(now: number): void {
    const generations = Math.floor((now - this.generationStart) / this.windowMs);
    if (generations <= 0) return;
    // After one generation, `current`'s windows may still be open; after two, all have closed.
    this.previous = generations === 1 ? this.current : new Map();
    this.current = new Map();
    this.generationStart += generations * this.windowMs;
  }
}
