import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inSpan, type SpanNotes } from '../common/tracing/span-seam.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { codeOf, readAnswer, sensitiveStrings, upstreamDetail, type ReadAnswer } from './agora-answer.js';
import type { AgoraAnswer, AgoraCall } from './agora-call.interface.js';
import { agoraRestConfig, type AgoraRestConfig } from './agora-rest.config.js';
import { AgoraUpstreamError } from './agora-upstream.error.js';
import { attemptFailed, failureOf, hostSchedule, retryDelayMs, type Attempt } from './retry-policy.js';

/** A caller's request id is sent on only when it is a plain header value; otherwise the call gets its own. */
const REQUEST_ID = /^[!-~]{1,128}$/;

/**
 * The one outbound client for Agora's REST APIs. `call` signs with the project's Customer ID and Secret
 * (Basic auth), sends JSON with `X-Request-ID`, limits each attempt to `call.timeoutMs`, retries where
 * `call.retry` (and `call.isTransient`) allow it with jittered back-off (about 1, 3 and 6 back-off units),
 * moving to the fallback host (AGORA_API_FALLBACK_URL) after the primary failed twice, and throws an
 * {@link AgoraUpstreamError} for every failure. Each attempt is counted in the metrics and logged in one line
 * (API, host, attempt, status, duration), never with the Authorization header or a body.
 *
 * @example
 * const { body } = await client.call<{ resourceId: string }>({
 *   project, api: 'recording.acquire', method: 'POST', path: `/v1/apps/${project.appId}/cloud_recording/acquire`,
 *   body: { cname, uid, clientRequest: {} }, timeoutMs: 10_000, retry: 'transient', requestId,
 * });
 */
@Injectable()
export class AgoraRestClient {
  private readonly logger = new Logger('AgoraRest');

  constructor(
    @Inject(agoraRestConfig.KEY) private readonly config: AgoraRestConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Whether `call` can be made for this project: it has REST credentials. Features check it to switch off. */
  static canCall(project: AgoraCall['project']): boolean {
    return project.rest !== undefined;
  }

  /**
   * Makes the call. With tracing on it is one span (`agora <api>`: the API, method, project, attempts made and
   * outcome) whose children are the attempts' HTTP client spans, each carrying the trace to Agora in `traceparent`.
   */
  call<T>(call: AgoraCall): Promise<AgoraAnswer<T>> {
    return inSpan(`agora ${call.api}`, () => ({ 'agora.api': call.api, 'http.request.method': call.method, 'agora.project': call.project.name }), (span) =>
      this.callWithRetries<T>(call, span),
    );
  }

  private async callWithRetries<T>(call: AgoraCall, span: SpanNotes): Promise<AgoraAnswer<T>> {
    const { rest } = call.project;
    // Mistakes in a feature's code, not in Agora's answers: thrown as they are (a 500), never sent.
    if (rest === undefined) throw new Error(`Project "${call.project.name}" has no REST credentials: check AgoraRestClient.canCall first`);
    if (!call.path.startsWith('/')) throw new Error(`${call.api}: the path must start with /`);
    if (call.method === 'GET' && call.body !== undefined) throw new Error(`${call.api}: a GET call has no body`);
    const authorization = `Basic ${Buffer.from(`${rest.customerId}:${rest.customerSecret}`).toString('base64')}`;
    const requestId = call.requestId !== undefined && REQUEST_ID.test(call.requestId) ? call.requestId : randomUUID();
    const headers: Record<string, string> = {
      authorization,
      accept: 'application/json',
      'content-type': 'application/json',
      'x-request-id': requestId,
    };
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const hosts = hostSchedule(this.config.baseUrls);
    let hostIndex = 0;
    for (let attempt = 1; ; attempt++) {
      hostIndex = Math.max(hostIndex, hosts[attempt - 1]);
      const base = this.config.baseUrls[hostIndex];
      const result = await this.attempt(call, `${base}${call.path}`, { method: call.method, headers, body }, attempt, requestId);
      span.set('agora.attempts', attempt);
      span.set('agora.outcome', result.outcome);
      if (result.kind === 'ok') return { status: result.answer.status, body: result.answer.body as T };
      const next = attemptFailed(call, result, attempt, hostIndex, this.config.baseUrls.length);
      if (next === undefined) throw this.errorOf(call, result, rest.customerId, rest.customerSecret, authorization);
      hostIndex = next.hostIndex;
      await sleep(retryDelayMs(this.config.retryBaseMs, attempt));
    }
  }

  /** One attempt at one host: its outcome, counted and logged. */
  private async attempt(call: AgoraCall, url: string, init: RequestInit, attempt: number, requestId: string): Promise<Attempt> {
    const started = performance.now();
    let result: Attempt;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(call.timeoutMs), redirect: 'manual' });
      result = this.classify(call, await readAnswer(response), response.headers.get('retry-after'));
    } catch (error) {
      result = failureOf(error);
    }
    const seconds = (performance.now() - started) / 1000;
    this.metrics.upstreamAttempt(call.api, result.outcome, seconds);
    this.logAttempt(call, url, attempt, requestId, result, seconds);
    return result;
  }

  private classify(call: AgoraCall, answer: ReadAnswer, retryAfter: string | null): Attempt {
    if (answer.status === 429) return { kind: 'rate_limited', outcome: 'rate_limited', answer, retryAfter };
    const success = answer.status >= 200 && answer.status < 300 && answer.json && codeOf(answer.body) === undefined;
    if (success) return { kind: 'ok', outcome: 'ok', answer };
    return { kind: 'answer', outcome: 'error', answer, transient: call.isTransient?.(answer) === true };
  }

  private errorOf(call: AgoraCall, result: Exclude<Attempt, { kind: 'ok' }>, id: string, secret: string, authorization: string): AgoraUpstreamError {
    switch (result.kind) {
      case 'timeout':
        return AgoraUpstreamError.timeout(call.api, call.timeoutMs);
      case 'unreachable':
        return AgoraUpstreamError.unreachable(call.api, result.arrived);
      case 'rate_limited':
        return AgoraUpstreamError.rateLimited(
          call.api,
          upstreamDetail(result.answer, sensitiveStrings(id, secret, authorization, call.body), !call.bodyHasSecrets),
          retryAfterSeconds(result.retryAfter),
        );
      case 'answer':
        return AgoraUpstreamError.answer(call.api, upstreamDetail(result.answer, sensitiveStrings(id, secret, authorization, call.body), !call.bodyHasSecrets));
    }
  }

  private logAttempt(call: AgoraCall, url: string, attempt: number, requestId: string, result: Attempt, seconds: number): void {
    const host = new URL(url).host;
    const ended =
      'answer' in result ? `answered ${result.answer.status}${codeText(result.answer.body)}` : result.kind === 'timeout' ? 'timed out' : 'could not reach Agora';
    const line = `${call.api}: ${call.method} to ${host}, attempt ${attempt}, ${ended} in ${Math.round(seconds * 1000)} ms (request ${requestId})`;
    if (result.kind === 'ok') this.logger.log(line);
    else this.logger.warn(line);
  }
}

function codeText(body: unknown): string {
  const code = codeOf(body);
  return code === undefined ? '' : ` code ${code}`;
}

/** Agora's Retry-After in whole seconds (1 to 60), or 1 when it sent none the client can read. */
function retryAfterSeconds(header: string | null): number {
  const seconds = header !== null && /^\d{1,5}$/.test(header.trim()) ? Number(header.trim()) : 1;
  return Math.min(60, Math.max(1, seconds));
}
