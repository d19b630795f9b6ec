import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { mediaRegionConfig, type MediaRegion, type MediaRegionConfig } from '../agora-services/media-region.config.js';
import { ServiceAccess, type RestProject } from '../agora-services/service-access.service.js';
import { ServiceConflict, ServiceNotFound } from '../agora-services/service-problems.js';
import { UpdateSequencer } from '../agora-services/update-sequencer.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordIssued } from '../common/logging/request-record.js';
import { checkCreate, converterName, converterOf, updateOf, type ConverterKind, type CreateMediaPushInput, type UpdateMediaPushInput } from './converter-request.builder.js';
import type { MediaPushDto, MediaPushListDto, MediaPushStatusDto } from './dto/media-push.dto.js';
import { isGone, MediaPushApi, type ConverterReport, type ConverterState } from './media-push.api.js';
import { noneRuns, unconfirmed } from './lost-create.js';
import { MEDIA_PUSH } from './media-push-access.js';
import { withoutStreamKey } from './rtmp-url.js';

/** What a converter's id carries (sealed: confidential and authenticated), so every call after the create needs nothing else. */
export interface ConverterHandle {
  readonly channel: string;
  readonly region: MediaRegion;
  readonly converterId: string;
  readonly name: string;
  readonly kind: ConverterKind;
  /** When this service asked for it, Unix milliseconds: the origin of its update sequence. */
  readonly createdAt: number;
}

/** Which converters a list covers: a project (as token requests choose one), and optionally one channel and one region. */
export interface ListMediaPushInput {
  readonly project?: string;
  readonly appId?: string;
  readonly channel?: string;
  readonly region?: MediaRegion;
}

/**
 * Media push (Agora's RTMP converters) on plain inputs, for /v1/media-push and the Go fork's /rtmp/push routes: start a
 * converter (raw or transcoded) in a region, read it, change it (Agora's `fields` mask, a growing `sequence`, one update
 * of a converter at a time in this process), delete it, and list the caller's. Policy, projects, ids and ownership
 * are ServiceAccess's; the push URL's stream key is never logged nor answered (answers show the URL without it).
 */
@Injectable()
export class MediaPushService {
  private readonly logger = new Logger('MediaPush');

  constructor(
    private readonly access: ServiceAccess,
    private readonly api: MediaPushApi,
    private readonly sequencer: UpdateSequencer,
    @Inject(mediaRegionConfig.KEY) private readonly regions: MediaRegionConfig,
  ) {}

  async create(input: CreateMediaPushInput, caller: Caller, requestId?: string): Promise<MediaPushDto> {
    const project = this.access.begin(MEDIA_PUSH, input, caller);
    const kind = checkCreate(input);
    const region = input.region ?? this.regions.defaultRegion;
    const name = converterName();
    const createdAt = Date.now();
    const state = await this.api
      .create(project, region, converterOf(input, name), requestId, input.regionHintIp)
      .catch((error: unknown) => this.lostCreate(error, project, input.channel, name, requestId));
    const handle: ConverterHandle = { channel: input.channel, region, converterId: state.id, name, kind, createdAt };
    const id = this.access.seal(MEDIA_PUSH, project, caller, handle);
    await this.access.remember(MEDIA_PUSH, project, caller, { agoraId: state.id, id, channel: input.channel });
    recordIssued(caller, { kind: 'media-push', channel: input.channel, region, converterId: state.id });
    return { ...summaryOf(id, project, handle), rtmpUrl: withoutStreamKey(input.rtmpUrl), ...stateOf(state) };
  }

  /** The converter `id` names, if it is the caller's (a 404 otherwise): for routes that check what a client echoes with it. */
  open(id: string, caller: Caller): ConverterHandle {
    return this.access.open<ConverterHandle>(MEDIA_PUSH, id, caller).data;
  }

  /** What Agora reports of the converter: its state, its options, and its URL without the stream key. */
  async get(id: string, caller: Caller, requestId?: string): Promise<MediaPushStatusDto> {
    const { project, data } = this.access.open<ConverterHandle>(MEDIA_PUSH, id, caller);
    const report = await this.api.get(project, data.region, data.converterId, requestId).catch((error: unknown) => this.ended(error, project, data));
    return { ...summaryOf(id, project, data), ...reportOf(report) };
  }

  /** Changes what `changes` holds; updates of one converter run one at a time here, each with a larger sequence. */
  async update(id: string, changes: UpdateMediaPushInput, caller: Caller, requestId?: string): Promise<MediaPushDto> {
    const { project, data } = this.access.open<ConverterHandle>(MEDIA_PUSH, id, caller, { change: true });
    const change = updateOf(changes, data.kind);
    const state = await this.sequencer
      .run(`media-push/${data.converterId}`, data.createdAt, (sequence) => this.api.update(project, data.region, data.converterId, { ...change, sequence }, requestId))
      .catch((error: unknown) => this.ended(error, project, data, true));
    return { ...summaryOf(id, project, data), ...(changes.rtmpUrl ? { rtmpUrl: withoutStreamKey(changes.rtmpUrl) } : {}), ...stateOf(state) };
  }

  /** Deletes the converter (the push stops); one Agora no longer runs is a 404. */
  async delete(id: string, caller: Caller, requestId?: string): Promise<void> {
    const { project, data } = this.access.open<ConverterHandle>(MEDIA_PUSH, id, caller);
    await this.api.delete(project, data.region, data.converterId, requestId).catch((error: unknown) => this.ended(error, project, data));
    await this.access.forget(MEDIA_PUSH, project, data.converterId);
  }

  /**
   * The caller's converters Agora runs (in one channel, one region, when asked): Agora's list joined with the ownership
   * index. Entries Agora no longer lists are forgotten once older than a minute (a list may lag behind a create).
   */
  async list(input: ListMediaPushInput, caller: Caller, requestId?: string): Promise<MediaPushListDto> {
    // A named channel is judged by the caller's channel policy; a project-wide list holds only what the caller may reach.
    const project = this.access.begin(MEDIA_PUSH, input, caller);
    const entries = await this.access.list(MEDIA_PUSH, project, caller, input.channel);
    if (entries.length === 0) return { converters: [] };
    const listed = new Map((await this.api.list(project, input.channel, requestId)).map((member) => [member.converterId, member]));
    const converters: MediaPushDto[] = [];
    for (const entry of entries) {
      const member = listed.get(entry.agoraId);
      if (member === undefined) {
        if (Date.now() / 1000 - entry.createdAt > LIST_LAG_SECONDS) await this.access.forget(MEDIA_PUSH, project, entry.agoraId);
        continue;
      }
      const handle = this.openQuietly(entry.id, caller);
      if (handle === undefined || (input.region !== undefined && handle.region !== input.region)) continue;
      converters.push({ ...summaryOf(entry.id, project, handle), ...stateOf({ id: member.converterId, state: member.state, createTs: member.createTs, updateTs: member.updateTs }) });
    }
    return { converters };
  }

  /**
   * A create whose outcome is unknown (timeout, broken connection, Agora's 504) may have started a converter that
   * nobody could see or stop: its name is this service's and unique in the project, so Agora's list of the channel
   * tells. Listed: its state, and the create goes on as if Agora had answered. Not listed: the problem says none runs.
   * The list failing too: the problem names the channel and the name, for an operator to find it.
   */
  private async lostCreate(error: unknown, project: RestProject, channel: string, name: string, requestId?: string): Promise<ConverterState> {
    if (!(error instanceof AgoraUpstreamError && error.mayHaveCreated)) return duplicate(error);
    let listed: Awaited<ReturnType<MediaPushApi['list']>>;
    try {
      listed = await this.api.list(project, channel, requestId);
    } catch {
      this.logger.warn(`media-push.create in project ${project.name}: outcome unknown (${error.failure}) and Agora's list failed; converter "${name}" in channel "${channel}" may run`);
      throw unconfirmed(error, channel, name);
    }
    const found = listed.find((member) => member.converterName === name && (member.rtcChannel === undefined || member.rtcChannel === channel));
    if (found === undefined) throw noneRuns(error, channel, name);
    this.logger.warn(`media-push.create in project ${project.name}: outcome unknown (${error.failure}); converter "${name}" found in Agora's list of channel "${channel}", answered as created`);
    return { id: found.converterId, state: found.state, createTs: found.createTs, updateTs: found.updateTs };
  }

  private openQuietly(id: string, caller: Caller): ConverterHandle | undefined {
    try {
      return this.access.open<ConverterHandle>(MEDIA_PUSH, id, caller).data;
    } catch {
      return undefined;
    }
  }

  /**
   * Agora no longer runs the converter: forgotten, and a 404. An update Agora refused with 409 lost to another update
   * (a larger sequence from another replica): a 409 to send again. Anything else as the REST layer maps it.
   */
  private async ended(error: unknown, project: RestProject, handle: ConverterHandle, updating = false): Promise<never> {
    if (isGone(error)) {
      await this.access.forget(MEDIA_PUSH, project, handle.converterId);
      throw ServiceNotFound.ended(MEDIA_PUSH);
    }
    if (updating && error instanceof AgoraUpstreamError && error.upstream?.status === 409) {
      throw new ServiceConflict('Another update of this converter came first (Agora refused this one’s sequence): send it again.', { upstream: error.upstream });
    }
    throw error;
  }
}

/** How long a converter may be missing from Agora's list before its ownership entry is dropped (a list may lag a create). */
const LIST_LAG_SECONDS = 60;

/** Agora's 409 to a create: a converter with this name exists (names are random here, so only a repeated create). */
function duplicate(error: unknown): never {
  if (error instanceof AgoraUpstreamError && error.upstream?.status === 409) {
    throw new ServiceConflict('Agora already runs a converter with this name in the project.', { upstream: error.upstream });
  }
  throw error;
}

function summaryOf(id: string, project: RestProject, handle: ConverterHandle): MediaPushDto {
  const { channel, region, converterId, name, kind } = handle;
  return { id, project: project.name, channel, region, converterId, name, mode: kind === 'raw' ? 'raw' : 'transcoded' };
}

function stateOf(state: ConverterState): Pick<MediaPushDto, 'state' | 'createdAt' | 'updatedAt'> {
  return {
    ...(state.state !== undefined ? { state: state.state } : {}),
    ...(state.createTs !== undefined ? { createdAt: new Date(state.createTs * 1000).toISOString() } : {}),
    ...(state.updateTs !== undefined ? { updatedAt: new Date(state.updateTs * 1000).toISOString() } : {}),
  };
}

/** Agora's report, read field by field: its URL without the stream key, never anything else of it. */
function reportOf(report: ConverterReport): Partial<MediaPushStatusDto> {
  const { rawOptions, transcodeOptions } = report;
  const seconds = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);
  const idleTimeOut = seconds(report.idleTimeout);
  const rtcStreamUid = seconds(rawOptions?.rtcStreamUid);
  return {
    ...(typeof report.rtmpUrl === 'string' ? { rtmpUrl: withoutStreamKey(report.rtmpUrl) } : {}),
    ...stateOf({ id: '', state: typeof report.state === 'string' ? report.state : undefined, createTs: seconds(report.createTs), updateTs: seconds(report.updateTs) }),
    ...(idleTimeOut !== undefined ? { idleTimeOut } : {}),
    ...(rtcStreamUid !== undefined ? { rtcStreamUid } : {}),
    ...(isObject(transcodeOptions?.audioOptions) ? { audioOptions: transcodeOptions.audioOptions } : {}),
    ...(isObject(transcodeOptions?.videoOptions) ? { videoOptions: transcodeOptions.videoOptions } : {}),
  } as Partial<MediaPushStatusDto>;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
