import { Injectable } from '@nestjs/common';
import type { Caller } from '../../auth/caller.interface.js';
import type { FieldError } from '../../common/problem/problem.types.js';
import type { RecordingConfigDto } from '../../recording/dto/recording-config.dto.js';
import type { RecordingDto, StoppedRecordingDto } from '../../recording/dto/recording.dto.js';
import { ALL_STREAMS } from '../../recording/dto/uid-list.decorator.js';
import { RECORDING_MODES, type RecordingMode } from '../../recording/recording-handle.js';
import { RecordingOperations } from '../../recording/recording-operations.service.js';
import { RecordingStarter, type RecordingTarget } from '../../recording/recording-starter.service.js';
import { LegacyErrorException } from '../legacy-error.exception.js';
import { LegacyInputProblem } from '../legacy-input-problem.exception.js';
import type { ForkRecordingDto, ForkRecordingReportDto, ForkServerResponseDto } from './dto/fork-recording-answers.dto.js';
import type { ForkRecordingIdsDto } from './dto/fork-recording-ids.dto.js';
import type { ForkStopRecordingDto, ForkUpdateLayoutDto, ForkUpdateSubscriptionsDto } from './dto/fork-recording-updates.dto.js';
import type { ForkStartRecordingDto } from './dto/fork-start-recording.dto.js';

/** The fork's query of `GET /cloud_recording/status`. */
export interface ForkStatusQuery {
  resourceId?: string;
  sid?: string;
  mode?: string;
}

/**
 * The Go fork's `/cloud_recording/*` routes on the recording services of /v1: its bodies mapped onto a start and
 * onto the operations, and the answers back into its shapes. The `resourceId` it answers is the recording's signed
 * id, so the fork's clients, which echo it back, name their recording in a way only its owner can use (a 404 for
 * anyone else, as on /v1); the values they echo with it must be the recording's.
 */
@Injectable()
export class ForkRecordingMapper {
  constructor(
    private readonly starter: RecordingStarter,
    private readonly operations: RecordingOperations,
  ) {}

  async start(body: ForkStartRecordingDto, caller: Caller, requestId: string): Promise<ForkRecordingDto> {
    const mode = modeOf(body.recordingMode);
    checkScene(body.sceneMode, mode);
    const { recordingFileConfig, snapshotConfig, extensionServiceConfig } = body;
    const recording = await this.starter.start(
      {
        channel: body.channelName,
        mode,
        recordingConfig: body.recordingConfig ? forkConfigFor(body.recordingConfig, mode) : forkDefaultConfig(mode),
        ...(recordingFileConfig ? { recordingFileConfig } : {}),
        ...(snapshotConfig ? { snapshotConfig } : {}),
        ...(extensionServiceConfig ? { extensionServiceConfig } : {}),
      },
      caller,
      requestId,
    );
    return named(recording);
  }

  async status(query: ForkStatusQuery, caller: Caller, requestId: string): Promise<ForkRecordingReportDto> {
    if (!query.resourceId) throw LegacyInputProblem.field('resourceId', 'resourceId is required');
    const target = this.open({ resourceId: query.resourceId, sid: query.sid, mode: query.mode }, caller);
    const { status, fileListMode, fileList, sliceStartTime, extensionServiceState } = await this.operations.status(target, requestId);
    return report(target, { status, fileListMode, fileList, sliceStartTime, extensionServiceState });
  }

  async stop(body: ForkStopRecordingDto, caller: Caller, requestId: string): Promise<ForkRecordingReportDto> {
    const target = this.open(idsOf(body), caller);
    const stopped: StoppedRecordingDto = await this.operations.stop(target, body.async_stop ?? false, requestId);
    const { fileListMode, fileList, uploadingStatus, extensionServiceState } = stopped;
    return { ...report(target, { fileListMode, fileList, uploadingStatus, extensionServiceState }), alreadyStopped: stopped.alreadyStopped };
  }

  async updateSubscriptions(body: ForkUpdateSubscriptionsDto, caller: Caller, requestId: string): Promise<ForkRecordingDto> {
    const target = this.open(idsOf(body), caller);
    const { audioUidList: audio, videoUidList: video } = body.recordingConfig.streamSubscribe;
    // Each unsubscribe list reaches Agora under the spelling it documents, whichever spelling the client used.
    const lists = defined({
      subscribeAudioUids: audio?.subscribeAudioUids,
      unsubscribeAudioUids: audio?.unsubscribeAudioUids ?? audio?.unSubscribeAudioUids,
      subscribeVideoUids: video?.subscribeVideoUids,
      unsubscribeVideoUids: video?.unsubscribeVideoUids ?? video?.unsunscribeVideoUids ?? video?.unSubscribeVideoUids,
    });
    if (Object.keys(lists).length === 0) {
      throw LegacyInputProblem.field('recordingConfig.streamSubscribe', 'streamSubscribe must hold at least one subscription list');
    }
    return named(await this.operations.updateSubscriptions(target, lists, requestId));
  }

  async updateLayout(body: ForkUpdateLayoutDto, caller: Caller, requestId: string): Promise<ForkRecordingDto> {
    const target = this.open(idsOf(body), caller);
    return named(await this.operations.updateLayout(target, body.recordingConfig, requestId));
  }

  /**
   * The caller's recording the resourceId names (a 404 for anything else, as /v1's ids), once every value echoed
   * with it is the recording's: a client mixing up two recordings' values gets a 400 naming each, never a call
   * to Agora about the wrong one.
   */
  private open(ids: EchoedIds, caller: Caller): RecordingTarget {
    const target = this.starter.open(ids.resourceId, caller);
    const { handle } = target;
    const echoed: Array<[string, string | undefined, string, string]> = [
      ['sid', ids.sid, handle.sid, 'session id'],
      ['recordingId', ids.recordingId, handle.sid, 'session id'],
      ['cname', ids.cname, handle.channel, 'channel'],
      ['uid', ids.uid, handle.uid, 'bot uid'],
      ['recordingMode', ids.recordingMode, handle.mode, 'mode'],
      ['mode', ids.mode, handle.mode, 'mode'],
    ];
    const errors: FieldError[] = echoed
      .filter(([, given, actual]) => given !== undefined && given !== actual)
      .map(([field, , , what]) => ({ field, message: `${field} is not the ${what} of the recording resourceId names: send the value its start answered` }));
    if (errors.length > 0) throw new LegacyInputProblem(errors);
    return target;
  }
}

type EchoedIds = Pick<ForkRecordingIdsDto, 'resourceId' | 'sid' | 'recordingId' | 'cname' | 'uid' | 'recordingMode'> & { mode?: string };

function idsOf({ resourceId, sid, recordingId, cname, uid, recordingMode }: ForkRecordingIdsDto): EchoedIds {
  return { resourceId, sid, recordingId, cname, uid, recordingMode };
}

/** The fork's modes, `mix` by default; anything else is its own 400 `{"error": "Invalid recording mode."}`. */
function modeOf(recordingMode: string | undefined): RecordingMode {
  if (recordingMode === undefined) return 'mix';
  if (RECORDING_MODES.includes(recordingMode as RecordingMode)) return recordingMode as RecordingMode;
  throw new LegacyErrorException('Invalid recording mode.');
}

/**
 * The fork's `sceneMode` names Agora's scene, which this service derives from the mode (1 for web, 0 otherwise):
 * one that says otherwise is a 400 rather than a start Agora would refuse. Scene 2 (postponed transcoding) needs
 * configuration neither the fork nor this service takes.
 */
function checkScene(sceneMode: string | undefined, mode: RecordingMode): void {
  if (sceneMode === undefined) return;
  if (sceneMode === 'postponed') throw LegacyInputProblem.field('sceneMode', 'sceneMode postponed (postponed transcoding) is not supported');
  if (sceneMode !== 'realtime' && sceneMode !== 'web') throw LegacyInputProblem.field('sceneMode', 'sceneMode must be realtime or web');
  if ((sceneMode === 'web') !== (mode === 'web')) {
    throw LegacyInputProblem.field('sceneMode', `sceneMode ${sceneMode} does not go with recordingMode ${mode}: web recordings use web, the others realtime`);
  }
}

/**
 * A recordingConfig as the fork's clients send it: the fork's own default holds `streamMode` and `subscribeUidGroup`
 * whatever the mode, and Agora ignores them outside individual mode, so they are left out there rather than refused
 * (its clients sent exactly that on every mix start).
 */
function forkConfigFor(config: RecordingConfigDto, mode: RecordingMode): RecordingConfigDto {
  if (mode === 'individual') return config;
  const { streamMode: _streamMode, subscribeUidGroup: _subscribeUidGroup, ...rest } = config;
  return rest;
}

/**
 * The fork's recordingConfig when a start sends none: every user's audio and video, high stream, stopping after
 * 120 s without users; `streamMode` and `subscribeUidGroup` only in individual mode, the only one Agora takes them in.
 * Web recordings take none.
 */
function forkDefaultConfig(mode: RecordingMode): RecordingConfigDto | undefined {
  if (mode === 'web') return undefined;
  const config: RecordingConfigDto = { channelType: 0, streamTypes: 2, videoStreamType: 0, maxIdleTime: 120, subscribeAudioUids: [ALL_STREAMS], subscribeVideoUids: [ALL_STREAMS] };
  return mode === 'individual' ? { ...config, streamMode: 'standard', subscribeUidGroup: 0 } : config;
}

/** Now, as the fork stamped its answers: RFC 3339 in UTC, whole seconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function named({ id, channel, uid, sid }: Pick<RecordingDto, 'id' | 'channel' | 'uid' | 'sid'>): ForkRecordingDto {
  return { cname: channel, uid, resourceId: id, sid, timestamp: timestamp() };
}

function report(target: RecordingTarget, serverResponse: ForkServerResponseDto): ForkRecordingReportDto {
  const { handle, id } = target;
  return { resourceId: id, sid: handle.sid, serverResponse: defined(serverResponse), cname: handle.channel, uid: handle.uid, timestamp: timestamp() };
}

/** Drops the keys whose value is undefined, so answers carry only what Agora said. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
