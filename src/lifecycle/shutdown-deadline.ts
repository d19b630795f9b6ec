/**
 * When the running shutdown must be over (SHUTDOWN_TIMEOUT_SECONDS after the signal), for steps that run after
 * the HTTP server closes and that Nest does not know of: tracing's last flush (src/telemetry) sizes itself by it,
 * so a collector that is down can cost spans but never the exit code. Set once, by ShutdownState, on the signal.
 */
let deadline: number | undefined;

/** What a shutdown keeps after such steps: closing Redis (a QUIT that gives up after 250 ms) and exiting. */
const KEPT_FOR_THE_END_MS = 1_000;

/** ShutdownState: the shutdown started; it must end by `at` (a Date.now() time). */
export function shutdownMustEndBy(at: number): void {
  deadline = at;
}

/** How long a step may still take, at most `wanted` ms: what is left before the deadline, less the end's share (`kept`). */
export function shutdownTimeLeft(wanted: number, kept = KEPT_FOR_THE_END_MS): number {
  if (deadline === undefined) return wanted;
  return Math.max(0, Math.min(wanted, deadline - kept - Date.now()));
}

/** The last log flush's share: what is left but closing Redis (a QUIT that gives up after 250 ms) and the exit. */
export function lastFlushTimeLeft(wanted: number): number {
  return shutdownTimeLeft(wanted, 300);
}
