/** A caller's count in the current fixed window. */
export interface WindowCount {
  /** Requests counted in this window, this one included. */
  readonly hits: number;
  /** Milliseconds until the window closes and the count starts again. */
  readonly msLeft: number;
}
