import { Injectable } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { AgoraRestClient } from '../agora-rest/agora-rest.client.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';

/** Per attempt: Agora answers key calls at once (no media work behind them). */
export const TIMEOUT_MS = 10_000;

/** What Agora's Media Gateway asks to create a stream key (`settings`). */
export interface StreamKeySettings {
  readonly channel: string;
  /** The host's uid as Agora takes it: digits (1 to 4294967295) or a string account. */
  readonly uid: string;
  /** Seconds the key is valid from its creation; 0 never expires. */
  readonly expiresAfter: number;
}

/** A stream key as Agora describes it (create and query answer the same `data`). */
export interface StreamKeyInfo {
  readonly streamKey: string;
  readonly channel: string;
  readonly uid: string;
  /** Seconds from `createdAt`; 0 never expires; undefined when Agora's answer left it out. */
  readonly expiresAfter?: number;
  /** Unix seconds; undefined when Agora's answer left it out. */
  readonly createdAt?: number;
}

/**
 * Agora's Media Gateway stream-key API (`/{region}/v1/projects/{appId}/rtls/ingress/streamkeys`), over the one
 * AgoraRestClient. Agora has no list of stream keys (its "streaming list" lists live streams, not keys), so only
 * create, query and delete. Query is safe to repeat; create and delete act, so they are not. The key is a path
 * segment of query and delete: their error texts are withheld (`bodyHasSecrets`), since Agora could repeat it, and
 * the client logs the API's name and host, never the path.
 */
@Injectable()
export class StreamKeysApi {
  constructor(private readonly client: AgoraRestClient) {}

  /** Creates a key; answers it as Agora describes it. */
  async create(project: AgoraProject, region: MediaRegion, settings: StreamKeySettings, requestId?: string): Promise<StreamKeyInfo> {
    const answer = await this.client.call<unknown>({
      project,
      api: 'stream-keys.create',
      method: 'POST',
      path: base(project, region),
      body: { settings },
      timeoutMs: TIMEOUT_MS,
      retry: 'none',
      // Agora's 409 means "too many concurrent requests: back off and try again"; nothing was created.
      isTransient: (answer) => answer.status === 409,
      requestId,
    });
    return infoIn(answer.body, 'stream-keys.create', answer.status);
  }

  /** The key as Agora describes it, or undefined when Agora no longer has it (deleted, or expired). */
  async query(project: AgoraProject, region: MediaRegion, streamKey: string, requestId?: string): Promise<StreamKeyInfo | undefined> {
    try {
      const answer = await this.client.call<unknown>({
        project,
        api: 'stream-keys.query',
        method: 'GET',
        path: keyPath(project, region, streamKey),
        bodyHasSecrets: true,
        timeoutMs: TIMEOUT_MS,
        retry: 'transient',
        requestId,
      });
      return infoIn(answer.body, 'stream-keys.query', answer.status);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Revokes the key (streams already running go on); false when Agora no longer had it. */
  async delete(project: AgoraProject, region: MediaRegion, streamKey: string, requestId?: string): Promise<boolean> {
    try {
      await this.client.call<unknown>({
        project,
        api: 'stream-keys.delete',
        method: 'DELETE',
        path: keyPath(project, region, streamKey),
        bodyHasSecrets: true,
        timeoutMs: TIMEOUT_MS,
        retry: 'none',
        requestId,
      });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function base(project: AgoraProject, region: MediaRegion): string {
  return `/${region}/v1/projects/${encodeURIComponent(project.appId)}/rtls/ingress/streamkeys`;
}

function keyPath(project: AgoraProject, region: MediaRegion, streamKey: string): string {
  return `${base(project, region)}/${encodeURIComponent(streamKey)}`;
}

/** Agora's 404 "Resource not found and destroyed" for a key: it was deleted or has expired. */
function isNotFound(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.failure === 'answer' && error.upstream?.status === 404;
}

/**
 * The key Agora described in a success answer (`{status: "success", data: {…}}`), read strictly: an answer without
 * a usable key and channel is a 502, since a key this service cannot hand back would be a key nobody can revoke.
 */
function infoIn(body: unknown, api: string, status: number): StreamKeyInfo {
  const data = (body as { data?: Record<string, unknown> } | undefined)?.data;
  const { streamKey, channel, uid, expiresAfter, createdAt } = data ?? {};
  if (typeof streamKey !== 'string' || !/^[!-~]{1,1024}$/.test(streamKey) || typeof channel !== 'string' || typeof uid !== 'string') {
    throw AgoraUpstreamError.answer(api, { status, message: 'Agora answered success without a stream key this service can use.' });
  }
  return { streamKey, channel, uid, expiresAfter: seconds(expiresAfter), createdAt: seconds(createdAt) };
}

/** Ten digits of seconds reach the year 2286: more is no time Agora meant (and no date an answer could write). */
const MAX_SECONDS = 9_999_999_999;

/** A whole number of seconds, as Agora writes them (`expiresAfter` a number, `createdAt` digits in a string). */
function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  return Number.isSafeInteger(number) && (number as number) >= 0 && (number as number) <= MAX_SECONDS ? (number as number) : undefined;
}
