import type { AgoraProject } from '../agora/projects/project.interface.js';

/**
 * One call to an Agora REST API (cloud recording, speech-to-text, media push/pull, media gateway), as a
 * feature asks AgoraRestClient to make it. The client adds the project's Basic auth (Customer ID and
 * Secret), JSON, `X-Request-ID`, the timeout, retries where `retry` allows them, and the fallback host.
 *
 * @example
 * await client.call<AcquireAnswer>({
 *   project, api: 'recording.acquire', method: 'POST',
 *   path: `/v1/apps/${project.appId}/cloud_recording/acquire`, body, timeoutMs: 10_000, retry: 'transient', requestId,
 * });
 */
export interface AgoraCall {
  /** The project whose App ID the path names and whose REST credentials sign the call. */
  readonly project: AgoraProject;
  /** The call's name in metrics and logs: `<feature>.<operation>`, such as `recording.start`. */
  readonly api: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path and query after the base URL (`/v1/apps/{appId}/cloud_recording/acquire`), already encoded. */
  readonly path: string;
  /** The JSON body, if any. */
  readonly body?: unknown;
  /**
   * The body carries secrets (storage keys, tokens): an error answer then passes only Agora's `status` and `code`
   * to the caller, never its `reason` or `message`, which could repeat them in any encoding.
   */
  readonly bodyHasSecrets?: boolean;
  /** How long one attempt may take, in milliseconds (a synchronous recording stop needs ~20 s). */
  readonly timeoutMs: number;
  /**
   * `transient`: the call may be repeated safely (a query, an acquire), so a network error, a timeout, a
   * 5xx and the answers `isTransient` names are retried with jittered back-off (up to 4 attempts: two at the
   * primary host, then two at the fallback). `none`: the next host is tried only when the previous one could
   * not be reached at all (the request never arrived), since repeating it could act twice; and the answers
   * `isTransient` names are retried, as Agora documents those as safe to repeat. A 429 is never retried.
   */
  readonly retry: 'transient' | 'none';
  /**
   * Answers Agora documents as transient for this API (404 "failed to find worker" during failover, 206 code 65
   * "retry with the same parameters"): retried whatever `retry` says.
   */
  readonly isTransient?: (answer: AgoraAnswer<unknown>) => boolean;
  /** The caller's request id, sent as `X-Request-ID` so Agora support can find the call. */
  readonly requestId?: string;
}

/** What Agora answered: its HTTP status and parsed JSON body (undefined when empty). */
export interface AgoraAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/** The parts of an Agora error answer a problem passes through: never a credential, never the request. */
export interface UpstreamDetail {
  /** Agora's HTTP status. */
  readonly status: number;
  /** Agora's `code` (`{code, reason}` answers), when it sent one. */
  readonly code?: number;
  readonly reason?: string;
  /** Agora's `message` (gateway answers such as 401 or 429), when it sent one. */
  readonly message?: string;
}
