import { Injectable } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import type { AgoraAnswer } from '../agora-rest/agora-call.interface.js';
import { AgoraRestClient } from '../agora-rest/agora-rest.client.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { RecordingHandle, RecordingMode } from './recording-handle.js';

/** Per attempt. A synchronous stop waits for the upload, which Agora expects within 20 s: 30 s leaves it room. */
export const TIMEOUTS_MS = { acquire: 10_000, start: 10_000, query: 10_000, update: 10_000, stop: 30_000 } as const;

/** Agora's 206 code 65, "request not completed": its advice is to retry with the same parameters. */
const notCompleted = (answer: AgoraAnswer<unknown>) => answer.status === 206 && codeOf(answer.body) === 65;
/**
 * Agora's 404 "failed to find worker" (`{code, reason}`, not its gateway's `{message}`) means the recording has ended,
 * or that its worker is moving during a failover (Agora documents both). Repeated once, after the client's
 * first back-off, before the answer is believed: repeating a query, stop or update is harmless (a stopped recording
 * answers 404 again, or code 49). More would hold an ended recording's GET for seconds across hosts.
 */
function workerMovingOnce(): (answer: AgoraAnswer<unknown>) => boolean {
  let repeated = false;
  return (answer) => {
    if (notCompleted(answer)) return true;
    if (answer.status !== 404 || (answer.body as { message?: unknown } | undefined)?.message !== undefined || repeated) return false;
    return (repeated = true);
  };
}

/** Agora's start answer "already started" (201 code 7). */
const ALREADY_STARTED = 7;

/**
 * Whether a failed start may have started the recording: no answer in time, a connection broken after the
 * request was sent, Agora still answering "request not completed" after its retries, or "already started" to a
 * repeat (our own recording, whose sid that answer did not give).
 */
function outcomeUnknown(error: AgoraUpstreamError, repeated: boolean): boolean {
  if (error.failure === 'timeout' || (error.failure === 'unreachable' && error.arrived)) return true;
  const code = error.upstream?.code;
  return code === 65 || (repeated && code === ALREADY_STARTED);
}

/** A start that may have started a recording whose sid is unknown: the caller must say so (it bills until it ends). */
export class StartOutcomeUnknown extends Error {
  constructor(readonly upstream: AgoraUpstreamError) {
    super(`recording.start: outcome unknown (${upstream.failure})`);
    this.name = 'StartOutcomeUnknown';
  }
}

function sidOf(body: unknown): string | undefined {
  const sid = (body as { sid?: unknown } | undefined)?.sid;
  return typeof sid === 'string' && sid !== '' ? sid : undefined;
}

function codeOf(body: unknown): number | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Where a call about one recording goes: its project, ids and mode. */
type Target = Pick<RecordingHandle, 'mode' | 'channel' | 'uid' | 'resourceId' | 'sid'> & { readonly project: AgoraProject };

/** Agora's answer to query and stop: the recording's ids and its `serverResponse`. */
export interface RecordingAnswer {
  readonly serverResponse?: unknown;
}

/**
 * Agora's Cloud Recording RESTful API (v1), over the one AgoraRestClient: paths, bodies, each call's timeout
 * and whether it may be repeated. acquire and query are safe to repeat (retried on timeouts, 5xx and the
 * answers Agora calls transient); start, update, updateLayout and stop act, so they are repeated only for
 * Agora's "request not completed" (206, code 65), which Agora says to retry with the same parameters, and (not
 * start) once for its 404 "failed to find worker", which a failover answers too.
 */
@Injectable()
export class CloudRecordingApi {
  constructor(private readonly client: AgoraRestClient) {}

  /** A resource for one recording; `startParameter` must be the start's `clientRequest`. */
  async acquire(project: AgoraProject, cname: string, uid: string, clientRequest: object, requestId?: string): Promise<string> {
    const answer = await this.client.call<{ resourceId?: unknown }>({
      project,
      api: 'recording.acquire',
      method: 'POST',
      path: `${base(project)}/acquire`,
      body: { cname, uid, clientRequest },
      bodyHasSecrets: true,
      timeoutMs: TIMEOUTS_MS.acquire,
      retry: 'transient',
      requestId,
    });
    return idIn(answer, 'resourceId', 'recording.acquire');
  }

  /**
   * Starts recording on an acquired resource; answers the session id (`sid`). A start whose outcome is unknown
   * (no answer in time, the connection broken after sending, or Agora's "already started" to a repeat without
   * a `sid`) throws {@link StartOutcomeUnknown}: the recording may be running, and the caller must be told so.
   */
  async start(project: AgoraProject, mode: RecordingMode, resourceId: string, cname: string, uid: string, clientRequest: object, requestId?: string): Promise<string> {
    // Agora may have started the recording on a try it answered 206 code 65: the repeat then answers 201 code 7
    // ("already started") for our own recording. The client sees every answer through isTransient, so this is
    // where the repeat and a sid in that answer are noticed.
    let repeated = false;
    let startedSid: string | undefined;
    const isTransient = (answer: AgoraAnswer<unknown>): boolean => {
      if (notCompleted(answer)) return (repeated = true);
      if (repeated && codeOf(answer.body) === ALREADY_STARTED) startedSid = sidOf(answer.body);
      return false;
    };
    try {
      const answer = await this.client.call<{ sid?: unknown }>({
        project,
        api: 'recording.start',
        method: 'POST',
        path: `${base(project)}/resourceid/${encodeURIComponent(resourceId)}/mode/${mode}/start`,
        body: { cname, uid, clientRequest },
        bodyHasSecrets: true,
        timeoutMs: TIMEOUTS_MS.start,
        retry: 'none',
        isTransient,
        requestId,
      });
      return idIn(answer, 'sid', 'recording.start');
    } catch (error) {
      if (startedSid !== undefined) return startedSid;
      if (error instanceof AgoraUpstreamError && outcomeUnknown(error, repeated)) throw new StartOutcomeUnknown(error);
      throw error;
    }
  }

  async query(target: Target, requestId?: string): Promise<RecordingAnswer> {
    const { body } = await this.client.call<RecordingAnswer | undefined>({
      project: target.project,
      api: 'recording.query',
      method: 'GET',
      path: `${session(target)}/query`,
      timeoutMs: TIMEOUTS_MS.query,
      retry: 'transient',
      isTransient: workerMovingOnce(),
      requestId,
    });
    return body ?? {};
  }

  /** Agora's `update` (subscription lists, in individual and mix modes). */
  async update(target: Target, clientRequest: object, requestId?: string): Promise<void> {
    await this.act(target, 'update', clientRequest, requestId);
  }

  /** Agora's `updateLayout` (mix mode): the whole layout, replaced. */
  async updateLayout(target: Target, clientRequest: object, requestId?: string): Promise<void> {
    await this.act(target, 'updateLayout', clientRequest, requestId);
  }

  /** Stops the recording: synchronously (after the upload) unless `async`. */
  async stop(target: Target, async: boolean, requestId?: string): Promise<RecordingAnswer> {
    const { body } = await this.client.call<RecordingAnswer | undefined>({
      project: target.project,
      api: 'recording.stop',
      method: 'POST',
      path: `${session(target)}/stop`,
      body: { cname: target.channel, uid: target.uid, clientRequest: { async_stop: async } },
      timeoutMs: TIMEOUTS_MS.stop,
      retry: 'none',
      isTransient: workerMovingOnce(),
      requestId,
    });
    return body ?? {};
  }

  private async act(target: Target, operation: 'update' | 'updateLayout', clientRequest: object, requestId?: string): Promise<void> {
    await this.client.call({
      project: target.project,
      api: `recording.${operation}`,
      method: 'POST',
      path: `${session(target)}/${operation}`,
      body: { cname: target.channel, uid: target.uid, clientRequest },
      timeoutMs: TIMEOUTS_MS.update,
      retry: 'none',
      isTransient: workerMovingOnce(),
      requestId,
    });
  }
}

function base(project: AgoraProject): string {
  return `/v1/apps/${project.appId}/cloud_recording`;
}

function session(target: Target): string {
  return `${base(target.project)}/resourceid/${encodeURIComponent(target.resourceId)}/sid/${encodeURIComponent(target.sid)}/mode/${target.mode}`;
}

/** The id Agora answered with; a success without one is Agora breaking its contract: a 502, never a guess. */
function idIn(answer: AgoraAnswer<Record<string, unknown> | undefined>, name: 'resourceId' | 'sid', api: string): string {
  const value = answer.body?.[name];
  if (typeof value !== 'string' || value === '') throw AgoraUpstreamError.answer(api, { status: answer.status, message: `the answer carried no ${name}` });
  return value;
}
