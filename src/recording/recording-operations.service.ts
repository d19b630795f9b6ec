import { Injectable } from '@nestjs/common';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { CloudRecordingApi } from './cloud-recording.api.js';
import type { MixLayoutDto } from './dto/mix-layout.dto.js';
import type { RecordingDto, RecordingStatusDto, StoppedRecordingDto } from './dto/recording.dto.js';
import type { UpdateSubscriptionsDto } from './dto/update-subscriptions.dto.js';
import { RecordingConflict, RecordingNotFound } from './recording-access.js';
import { readProgress } from './recording-progress.js';
import { recordingOf, type RecordingTarget } from './recording-starter.service.js';

/**
 * What can be done to a running recording, given its target (found by RecordingStarter.open, or built by a route
 * that names Agora's ids itself): its status, its subscriptions, its layout, and stopping it.
 */
@Injectable()
export class RecordingOperations {
  constructor(private readonly api: CloudRecordingApi) {}

  /** Agora's query, read in every mode; a recording Agora no longer runs is a 404. */
  async status(target: RecordingTarget, requestId?: string): Promise<RecordingStatusDto> {
    const answer = await this.api.query(this.to(target), requestId).catch(ended);
    return { ...recordingOf(target), ...readProgress(answer.serverResponse) };
  }

  /** New subscription lists (individual and mix modes). */
  async updateSubscriptions(target: RecordingTarget, lists: UpdateSubscriptionsDto, requestId?: string): Promise<RecordingDto> {
    if (target.handle.mode === 'web') throw new RecordingConflict('A web recording has no subscriptions: it records a page.');
    const { subscribeAudioUids, unsubscribeAudioUids, subscribeVideoUids, unsubscribeVideoUids } = lists;
    const audio = subscribeAudioUids ? { subscribeAudioUids } : unsubscribeAudioUids ? { unsubscribeAudioUids } : undefined;
    const video = subscribeVideoUids ? { subscribeVideoUids } : unsubscribeVideoUids ? { unsubscribeVideoUids } : undefined;
    if (!audio && !video) throw ValidationProblemException.field('body', 'send at least one subscription list');
    const streamSubscribe = { ...(audio ? { audioUidList: audio } : {}), ...(video ? { videoUidList: video } : {}) };
    await this.api.update(this.to(target), { streamSubscribe }, requestId).catch(ended);
    return recordingOf(target);
  }

  /** A new layout (mix mode): it replaces the whole layout. */
  async updateLayout(target: RecordingTarget, layout: MixLayoutDto, requestId?: string): Promise<RecordingDto> {
    if (target.handle.mode !== 'mix') throw new RecordingConflict(`Only mix recordings have a layout; this one is ${target.handle.mode}.`);
    await this.api.updateLayout(this.to(target), { ...layout }, requestId).catch(ended);
    return recordingOf(target);
  }

  /**
   * Stops the recording, answering the files it uploaded (synchronous) or what Agora knew then (`async`). Agora's
   * "already stopped" answers (404, or code 49 "invalid operation" while it exits) are a stopped recording too.
   */
  async stop(target: RecordingTarget, async: boolean, requestId?: string): Promise<StoppedRecordingDto> {
    try {
      const answer = await this.api.stop(this.to(target), async, requestId);
      const { status: _status, state: _state, sliceStartTime: _slice, ...files } = readProgress(answer.serverResponse);
      return { ...recordingOf(target), alreadyStopped: false, ...files };
    } catch (error) {
      if (isAlreadyStopped(error)) return { ...recordingOf(target), alreadyStopped: true };
      // 206 code 435, "no recorded data": stopped, but nobody published, so there are no files.
      if (error instanceof AgoraUpstreamError && error.upstream?.code === NO_RECORDED_DATA) return { ...recordingOf(target), alreadyStopped: false, fileList: [] };
      // Code 50, "upload timeout": the recording stopped, but its upload outlasted the synchronous stop's 20 s and goes on.
      if (error instanceof AgoraUpstreamError && error.upstream?.code === UPLOAD_TIMEOUT) return { ...recordingOf(target), alreadyStopped: false, uploadingStatus: 'unknown' };
      throw error;
    }
  }

  private to({ handle, project }: RecordingTarget) {
    return { project, mode: handle.mode, channel: handle.channel, uid: handle.uid, resourceId: handle.resourceId, sid: handle.sid };
  }
}

/** Agora's answer to a stop when nobody published in the channel. */
const NO_RECORDED_DATA = 435;
/** Agora's answer to a synchronous stop whose upload took longer than 20 s: stopped, still uploading. */
const UPLOAD_TIMEOUT = 50;

function isAlreadyStopped(error: unknown): boolean {
  return isGone(error) || (error instanceof AgoraUpstreamError && error.upstream?.code === 49);
}

/**
 * Agora's cloud recording answering 404 (`{code: 404, reason: "failed to find worker"}`): it runs no such
 * recording. Not its gateway's 404 (`{message: …}`: a wrong base URL), which stays a 502.
 */
function isGone(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.upstream?.status === 404 && error.upstream.message === undefined;
}

/** A recording Agora no longer runs ("failed to find worker" once its retries are spent) is a 404. */
function ended(error: unknown): never {
  if (isGone(error)) throw RecordingNotFound.ended();
  throw error;
}
