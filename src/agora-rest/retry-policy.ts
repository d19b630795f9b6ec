import type { ReadAnswer } from './agora-answer.js';
import type { AgoraCall } from './agora-call.interface.js';

/** One first attempt and Agora's advised three retries (after about 1, 3 and 6 seconds). */
export const MAX_ATTEMPTS = 4;
const BACKOFF_UNITS = [1, 3, 6];

/** How one attempt ended, with what the retry decision and the problem need. */
export type Attempt =
  | { readonly kind: 'ok'; readonly outcome: 'ok'; readonly answer: ReadAnswer }
  /** An error answer; `transient` when the call's `isTransient` names it. */
  | { readonly kind: 'answer'; readonly outcome: 'error'; readonly answer: ReadAnswer; readonly transient: boolean }
  | { readonly kind: 'rate_limited'; readonly outcome: 'rate_limited'; readonly answer: ReadAnswer; readonly retryAfter: string | null }
  | { readonly kind: 'timeout'; readonly outcome: 'timeout' }
  /** No answer: `arrived` false when the request cannot have reached Agora (no connection was made). */
  | { readonly kind: 'unreachable'; readonly outcome: 'unreachable'; readonly arrived: boolean };

/** Errors of the connection step: the request was never sent, so repeating it cannot act twice. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** What a fetch (or reading its body) that threw means: a timeout, or no answer (sent or not). */
export function failureOf(error: unknown): Attempt {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', outcome: 'timeout' };
  const code = causeCode(error);
  const notSent = code !== undefined && (NOT_SENT.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('CERT_'));
  return { kind: 'unreachable', outcome: 'unreachable', arrived: !notSent };
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | null)?.cause;
  // Happy-eyeballs connects fail with an AggregateError: its members carry the codes.
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a failed attempt is tried again, and at which host (index into the base URLs); undefined ends the
 * call. Never after a 429 (the caller is told to back off instead). A request that never reached Agora is
 * always safe to repeat: with `retry: 'none'` it goes once to each host. An answer the call's `isTransient`
 * names (Agora: "retry with the same parameters") is retried whatever `retry` says. With `retry: 'transient'`,
 * timeouts, dropped connections and 5xx answers are retried too.
 */
export function attemptFailed(
  call: AgoraCall,
  result: Exclude<Attempt, { kind: 'ok' }>,
  attempt: number,
  hostIndex: number,
  hostCount: number,
): { hostIndex: number } | undefined {
  if (attempt >= MAX_ATTEMPTS) return undefined;
  const transient = call.retry === 'transient';
  switch (result.kind) {
    case 'rate_limited':
      return undefined;
    case 'unreachable':
      if (!result.arrived && !transient) return hostIndex + 1 < hostCount ? { hostIndex: hostIndex + 1 } : undefined;
      return !result.arrived || transient ? { hostIndex } : undefined;
    case 'timeout':
      return transient ? { hostIndex } : undefined;
    case 'answer':
      return result.transient || (transient && result.answer.status >= 500) ? { hostIndex } : undefined;
  }
}

/**
 * The host of each attempt: with a fallback, two at the primary, then two at the fallback (Agora's advice:
 * retry the same domain once, then switch); without one, all at the primary.
 */
export function hostSchedule(baseUrls: readonly string[]): readonly number[] {
  return baseUrls.length > 1 ? [0, 0, 1, 1] : [0, 0, 0, 0];
}

/** The wait before the retry that follows attempt `attempt`: 1, 3 then 6 units, each jittered by ±50 %. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  const units = BACKOFF_UNITS[Math.min(attempt, BACKOFF_UNITS.length) - 1];
  return Math.round(units * baseMs * (0.5 + Math.random()));
}

