import { Injectable } from '@nestjs/common';
import type { Caller } from '../../auth/caller.interface.js';
import type { TranscriptionDto } from '../../transcription/dto/transcription.dto.js';
import { TranscriptionService } from '../../transcription/transcription.service.js';
import { LegacyInputProblem } from '../legacy-input-problem.exception.js';
import type { ForkRttStatusAnswerDto, ForkRttTaskDto, ForkStartRttAnswerDto, ForkStopRttAnswerDto } from './dto/fork-rtt-answers.dto.js';
import type { ForkStartRttDto } from './dto/fork-rtt-start.dto.js';

/**
 * The Go fork's `/rtt/*` routes on the /v1 TranscriptionService, so on Agora's STT v7 API (the fork used v6's builder
 * tokens and `tasks`): its start body mapped onto a create, and the answers back into its shapes. The `taskId` it
 * answers is the transcription's sealed id, so the fork's clients, which send it back, name their transcription in a
 * way only its owner can use (a 404 for anyone else, as on /v1).
 */
@Injectable()
export class ForkRttMapper {
  constructor(private readonly transcriptions: TranscriptionService) {}

  async start(body: ForkStartRttDto, caller: Caller, requestId: string): Promise<ForkStartRttAnswerDto> {
    const { channelName, languages, subscribeAudioUids, maxIdleTime, translateConfig, enableStorage } = body;
    const transcription = await this.transcriptions.create(
      {
        channel: channelName,
        languages,
        ...(subscribeAudioUids ? { subscribeAudioUids } : {}),
        ...(maxIdleTime === undefined ? {} : { maxIdleSeconds: maxIdleTime }),
        ...(translateConfig ? { translate: { languages: translateConfig.languages } } : {}),
        ...(enableStorage ? { captions: true as const } : {}),
      },
      caller,
      requestId,
    );
    const task = taskOf(transcription);
    return { acquire: { tokenName: task.taskId, createTs: task.createTs, instanceId: channelName, timestamp: task.timestamp }, start: task, timestamp: now() };
  }

  async stop(taskId: string, caller: Caller, requestId: string): Promise<ForkStopRttAnswerDto> {
    await this.transcriptions.delete(taskId, caller, requestId);
    const timestamp = now();
    return { stop: { timestamp }, timestamp };
  }

  /**
   * `DELETE /rtt/stop`, which the fork registered without `:taskId` (so it always stopped `tasks/`): the task named in
   * the body or the query, once; a 400 when neither names one, or they name two.
   */
  stopNamed(fromBody: string | undefined, fromQuery: string | undefined, caller: Caller, requestId: string): Promise<ForkStopRttAnswerDto> {
    if (fromBody !== undefined && fromQuery !== undefined && fromBody !== fromQuery) {
      throw LegacyInputProblem.field('taskId', 'taskId is given twice (body and query) with two values: send one');
    }
    const taskId = fromBody ?? fromQuery;
    if (taskId === undefined || taskId === '') {
      throw LegacyInputProblem.field('taskId', 'taskId is required: in the path (/rtt/stop/{taskId}), the query (?taskId=) or the body');
    }
    return this.stop(taskId, caller, requestId);
  }

  async status(taskId: string, caller: Caller, requestId: string): Promise<ForkRttStatusAnswerDto> {
    return { query: taskOf(await this.transcriptions.get(taskId, caller, requestId)), timestamp: now() };
  }
}

/** A transcription as the fork's `start` and `query` parts describe a task. */
function taskOf(transcription: TranscriptionDto): ForkRttTaskDto {
  return { createTs: Math.floor(Date.parse(transcription.createdAt) / 1000), status: transcription.status, taskId: transcription.id, timestamp: now() };
}

/** The fork's timestamps: UTC, RFC 3339, whole seconds. */
function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
