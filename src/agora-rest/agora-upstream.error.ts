import { HttpStatus } from '@nestjs/common';
import { withHeaders } from '../common/problem/problem-headers.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import type { UpstreamDetail } from './agora-call.interface.js';

/** The problem `type` of every failed Agora REST call. */
export const UPSTREAM_PROBLEM_TYPE = 'urn:agora-token-service:problem:upstream';

/**
 * How a call failed: Agora answered an error (`answer`), gave no answer in time (`timeout`), could not be
 * reached or dropped the connection (`unreachable`), or refused the call for its rate limit (`rate_limited`).
 */
export type UpstreamFailure = 'answer' | 'timeout' | 'unreachable' | 'rate_limited';

const STATUS: Record<UpstreamFailure, number> = {
  answer: HttpStatus.BAD_GATEWAY,
  timeout: HttpStatus.GATEWAY_TIMEOUT,
  unreachable: HttpStatus.BAD_GATEWAY,
  rate_limited: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * A failed Agora REST call, answered as a problem: 502 with `upstream` (Agora's status, `code`, `reason`,
 * `message`) for an error answer, 504 for a timeout, 502 when Agora could not be reached, 503 with
 * `Retry-After` when Agora rate-limits. Its detail names the API (`recording.start`), never a credential
 * or the request body. Features catch it to map the answers they know (`upstream.code` 7 on a start → 409).
 *
 * @example
 * try { await client.call(call); } catch (error) {
 *   if (error instanceof AgoraUpstreamError && error.upstream?.code === 53) throw new ConflictException(…);
 *   throw error;
 * }
 */
export class AgoraUpstreamError extends ProblemException {
  constructor(
    readonly api: string,
    readonly failure: UpstreamFailure,
    detail: string,
    readonly upstream?: UpstreamDetail,
    /** Whether the request may have reached Agora (false only when no connection was made): then it may have acted. */
    readonly arrived = true,
  ) {
    super(STATUS[failure], detail, UPSTREAM_PROBLEM_TYPE, upstream ? { upstream } : {});
    this.name = 'AgoraUpstreamError';
  }

  /** Agora answered an error: 502 with what it said. */
  static answer(api: string, upstream: UpstreamDetail): AgoraUpstreamError {
    const code = upstream.code === undefined ? '' : ` (code ${upstream.code})`;
    return new AgoraUpstreamError(api, 'answer', `Agora refused the ${api} call: it answered ${upstream.status}${code}.`, upstream);
  }

  /** No answer within the call's timeout: 504 (the call may still have been carried out). */
  /** The same failure (status, `upstream`, headers aside) with a detail that says more, such as what a lookup proved. */
  withDetail(detail: string): AgoraUpstreamError {
    return new AgoraUpstreamError(this.api, this.failure, detail, this.upstream, this.arrived);
  }

  /**
   * Whether a create that failed so may still have made its resource at Agora: no answer in time, a connection that
   * broke after the request left, Agora's own 504 (its gateway gave up waiting on the service behind it), or a success
   * answer the feature could not use (no id). The resource may then be running, and billing the project.
   */
  get mayHaveCreated(): boolean {
    switch (this.failure) {
      case 'timeout':
        return true;
      case 'unreachable':
        return this.arrived;
      case 'answer': {
        const status = this.upstream?.status ?? 0;
        return status === 504 || (status >= 200 && status < 300);
      }
      case 'rate_limited':
        return false;
    }
  }

  static timeout(api: string, timeoutMs: number): AgoraUpstreamError {
    return new AgoraUpstreamError(api, 'timeout', `Agora did not answer the ${api} call within ${timeoutMs / 1000} s.`);
  }

  /** No host could be reached, or the connection broke before the answer: 502. */
  static unreachable(api: string, arrived: boolean): AgoraUpstreamError {
    const detail = arrived
      ? `The connection to Agora broke during the ${api} call; the call may have been carried out.`
      : `Agora could not be reached for the ${api} call.`;
    return new AgoraUpstreamError(api, 'unreachable', detail, undefined, arrived);
  }

  /** Agora's rate limit (429): 503 with `Retry-After`, so the caller backs off rather than the service retrying for it. */
  static rateLimited(api: string, upstream: UpstreamDetail, retryAfterSeconds: number): AgoraUpstreamError {
    const error = new AgoraUpstreamError(api, 'rate_limited', `Agora's rate limit refused the ${api} call; try again later.`, upstream);
    return withHeaders(error, { 'Retry-After': String(retryAfterSeconds) });
  }
}
