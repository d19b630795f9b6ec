import { Injectable } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import type { AgoraAnswer } from '../agora-rest/agora-call.interface.js';
import { AgoraRestClient } from '../agora-rest/agora-rest.client.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';

/** Per attempt: Agora answers these calls in well under a second; 10 s leaves room for a slow CDN handshake. */
const TIMEOUT_MS = 10_000;
/** Agora's list answers at most 500 converters a page; 20 pages is far beyond a project's quota. */
const MAX_PAGES = 20;
/**
 * Every call is about converters whose push URL holds a stream key, which Agora's texts may repeat (its get and list
 * answers do), and which this service cannot recognise after the create: so no call passes Agora's free text on, only
 * its status and code (AgoraCall.bodyHasSecrets).
 */
const ABOUT_THE_URL = true;

/** What Agora answers to a create or an update: the converter's id, times and state. */
export interface ConverterState {
  readonly id: string;
  /** Unix seconds. */
  readonly createTs?: number;
  readonly updateTs?: number;
  /** `idle`, `connecting`, `running` or `failed`. */
  readonly state?: string;
}

/** What Agora's get answers: the converter's configuration as it runs it (its `rtmpUrl` holds the stream key). */
export interface ConverterReport {
  readonly name?: string;
  readonly rawOptions?: { readonly rtcChannel?: string; readonly rtcStreamUid?: number };
  readonly transcodeOptions?: { readonly rtcChannel?: string; readonly audioOptions?: object; readonly videoOptions?: object };
  readonly rtmpUrl?: string;
  readonly idleTimeout?: number;
  readonly createTs?: number;
  readonly updateTs?: number;
  readonly state?: string;
}

/** One converter of Agora's list, as this service reads it: never its `rtmpUrl`, which holds the stream key. */
export interface ListedConverter {
  readonly converterId: string;
  readonly converterName?: string;
  readonly rtcChannel?: string;
  readonly state?: string;
  /** Unix seconds (Agora's `create` and `updateTs`, numbers or digit strings). */
  readonly createTs?: number;
  readonly updateTs?: number;
}

/**
 * Agora's Media Push RESTful API (RTMP converters), over the one AgoraRestClient: create, get, update (with the
 * `sequence` Agora orders updates by and the `fields` mask naming what changes), delete, and list (per project or per
 * channel, every page). Get and list are safe to repeat (retried on timeouts and 5xx); create, update and delete act,
 * so they go to the next host only when the request never left. Every call is marked as holding secrets (the push
 * URL's stream key): an error answer passes on only Agora's status and code, never its texts.
 */
@Injectable()
export class MediaPushApi {
  constructor(private readonly client: AgoraRestClient) {}

  async create(project: AgoraProject, region: MediaRegion, converter: object, requestId?: string, regionHintIp?: string): Promise<ConverterState> {
    const query = regionHintIp === undefined ? '' : `?regionHintIp=${encodeURIComponent(regionHintIp)}`;
    const answer = await this.client.call<{ converter?: Partial<ConverterState> }>({
      project,
      api: 'media-push.create',
      method: 'POST',
      path: `${converters(project, region)}${query}`,
      body: { converter },
      bodyHasSecrets: true,
      timeoutMs: TIMEOUT_MS,
      retry: 'none',
      requestId,
    });
    return stateIn(answer, 'media-push.create');
  }

  async get(project: AgoraProject, region: MediaRegion, converterId: string, requestId?: string): Promise<ConverterReport> {
    const { body } = await this.client.call<(ConverterReport & { converter?: ConverterReport }) | undefined>({
      project,
      api: 'media-push.get',
      method: 'GET',
      path: `${converters(project, region)}/${encodeURIComponent(converterId)}`,
      bodyHasSecrets: ABOUT_THE_URL,
      timeoutMs: TIMEOUT_MS,
      retry: 'transient',
      requestId,
    });
    // Agora documents the answer bare, and in one example wrapped in `converter`: both are read.
    return body?.converter ?? body ?? {};
  }

  /** Changes the paths `fields` names (Agora's FieldMask) to what `converter` holds; `sequence` must grow per converter. */
  async update(
    project: AgoraProject,
    region: MediaRegion,
    converterId: string,
    change: { converter: object; fields: string; sequence: number },
    requestId?: string,
  ): Promise<ConverterState> {
    const answer = await this.client.call<{ converter?: Partial<ConverterState> }>({
      project,
      api: 'media-push.update',
      method: 'PATCH',
      path: `${converters(project, region)}/${encodeURIComponent(converterId)}?sequence=${change.sequence}`,
      body: { converter: change.converter, fields: change.fields },
      bodyHasSecrets: true,
      timeoutMs: TIMEOUT_MS,
      retry: 'none',
      requestId,
    });
    return stateIn(answer, 'media-push.update');
  }

  async delete(project: AgoraProject, region: MediaRegion, converterId: string, requestId?: string): Promise<void> {
    await this.client.call({
      project,
      api: 'media-push.delete',
      method: 'DELETE',
      path: `${converters(project, region)}/${encodeURIComponent(converterId)}`,
      bodyHasSecrets: ABOUT_THE_URL,
      timeoutMs: TIMEOUT_MS,
      retry: 'none',
      requestId,
    });
  }

  /** Every converter of the project, or of one channel (Agora's list has no region: it spans them all). */
  async list(project: AgoraProject, channel: string | undefined, requestId?: string): Promise<ListedConverter[]> {
    const base = channel === undefined ? `/v1/projects/${project.appId}/rtmp-converters` : `/v1/projects/${project.appId}/channels/${encodeURIComponent(channel)}/rtmp-converters`;
    const listed: ListedConverter[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { body } = await this.client.call<ListAnswer | undefined>({
        project,
        api: 'media-push.list',
        method: 'GET',
        path: cursor === undefined ? base : `${base}?cursor=${encodeURIComponent(cursor)}`,
        bodyHasSecrets: ABOUT_THE_URL,
        timeoutMs: TIMEOUT_MS,
        retry: 'transient',
        requestId,
      });
      listed.push(...(body?.data?.members ?? []).flatMap(member));
      const next = body?.data?.cursor;
      if (next === undefined || next === null || String(next) === '0' || String(next) === '' || String(next) === cursor) break;
      cursor = String(next);
    }
    return listed;
  }
}

/**
 * Whether an error is Agora saying it runs no such converter (404). Its texts are withheld (see ABOUT_THE_URL), so its
 * gateway's 404 for a path it does not know (a wrong AGORA_API_BASE_URL) reads the same: a create still shows that as
 * a 502, and the start-up's base URL is where to look.
 */
export function isGone(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.upstream?.status === 404;
}

interface ListAnswer {
  readonly data?: { readonly cursor?: unknown; readonly members?: readonly Record<string, unknown>[] };
}

function converters(project: AgoraProject, region: MediaRegion): string {
  return `/${region}/v1/projects/${project.appId}/rtmp-converters`;
}

/** A list member's fields this service uses; its `rtmpUrl` is never read. Members without an id are skipped. */
function member(raw: Record<string, unknown>): ListedConverter[] {
  const converterId = raw.converterId;
  if (typeof converterId !== 'string' || converterId === '') return [];
  return [
    {
      converterId,
      converterName: text(raw.converterName),
      rtcChannel: text(raw.rtcChannel),
      state: text(raw.state),
      createTs: seconds(raw.create ?? raw.createTs),
      updateTs: seconds(raw.updateTs),
    },
  ];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Agora's times, numbers in its tables and digit strings in its examples. */
function seconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

/** The converter a create or update answered; a success without its id is Agora breaking its contract: a 502. */
function stateIn(answer: AgoraAnswer<{ converter?: Partial<ConverterState> } | undefined>, api: string): ConverterState {
  const converter = answer.body?.converter;
  if (typeof converter?.id !== 'string' || converter.id === '') throw AgoraUpstreamError.answer(api, { status: answer.status, message: 'the answer carried no converter id' });
  return {
    id: converter.id,
    createTs: seconds(converter.createTs),
    updateTs: seconds(converter.updateTs),
    state: typeof converter.state === 'string' ? converter.state : undefined,
  };
}
