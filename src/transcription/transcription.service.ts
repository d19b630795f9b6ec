import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { tokenConfig } from '../agora/token.config.js';
import { UPSTREAM_PROBLEM_TYPE } from '../agora-rest/agora-upstream.error.js';
import { ServiceAccess, type RestProject } from '../agora-services/service-access.service.js';
import { UpdateSequencer } from '../agora-services/update-sequencer.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordIssued } from '../common/logging/request-record.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { botUid } from '../recording/bot-uid.js';
import { ended, isGone, joinOutcomeUnknown, queriedAgent, statusOf, updateFailed } from './agent-answers.js';
import type { ListedTranscriptionDto, StoppedTranscriptionDto, TranscriptionDto, TranscriptionListDto } from './dto/transcription.dto.js';
import type { UpdateTranscriptionDto } from './dto/update-transcription.dto.js';
import { captionConfigOf, joinBodyOf, type CreateTranscriptionInput } from './join-request.builder.js';
import { SpeechToTextApi, type JoinBody, type ListedAgent, type UpdateBody } from './speech-to-text.api.js';
import { TRANSCRIPTION } from './transcription-access.js';
import { UpdateSpacing } from './update-spacing.js';

/** What a transcription's sealed id carries: all later calls need, so no replica needs shared storage to serve them. */
export interface TranscriptionData {
  readonly channel: string;
  readonly agentId: string;
  readonly botUid: string;
  /** When it started, in milliseconds since the epoch (the base of its update sequence). */
  readonly createdAt: number;
}

/** The `kind` label of the transcription bot's tokens in agora_tokens_issued_total. */
const BOT_TOKEN_KIND = 'transcription-bot';
/** Agora's list lags a join by a few seconds: an index entry younger than this is not forgotten, whatever Agora says. */
const LIST_GRACE_SECONDS = 60;
/** How many agents a list queries at once (those Agora's RUNNING list left out). */
const QUERIES_AT_ONCE = 8;
/** Agora's default maxIdleTime, in seconds. */
const DEFAULT_IDLE_SECONDS = 30;

/**
 * Real-time transcriptions on Agora's STT v7 API, on plain inputs (so /v1 and the fork's /rtt routes share it): starts
 * them with a publisher bot this service names and signs a token for, then finds them again by their sealed id (which
 * names project, channel, agent and owner) for query, update, leave; lists join Agora's list with the caller's index.
 */
@Injectable()
export class TranscriptionService {
  private readonly logger = new Logger('Transcription');

  constructor(
    private readonly access: ServiceAccess,
    private readonly sequencer: UpdateSequencer,
    private readonly spacing: UpdateSpacing,
    private readonly authorizer: TokenAuthorizer,
    private readonly signer: AgoraTokenSigner,
    private readonly api: SpeechToTextApi,
    private readonly metrics: MetricsService,
    @Inject(tokenConfig.KEY) private readonly tokens: ConfigType<typeof tokenConfig>,
  ) {}

  /** Starts transcribing `input.channel` for `caller`: Agora's join, with a bot uid and token of this service's. */
  async create(input: CreateTranscriptionInput, caller: Caller, requestId?: string): Promise<TranscriptionDto> {
    const project = this.access.begin(TRANSCRIPTION, input, caller);
    const startedAt = new Date(Date.now());
    const captions = this.captionsOf(input, project, startedAt);
    const uid = botUid([...(input.subscribeAudioUids ?? []), ...(input.unsubscribeAudioUids ?? [])]);
    // The bot cannot renew its token: it lasts as long as a token may, and so, at most, does the transcription.
    const cap = this.authorizer.lifetimeCap(caller);
    const seconds = cap === undefined ? this.tokens.maxExpireSeconds : Math.min(cap, this.tokens.maxExpireSeconds);
    const privileges = { joinChannel: seconds, publishAudio: seconds, publishVideo: seconds, publishData: seconds };
    const grants = this.authorizer.check(caller, TRANSCRIPTION, seconds, [{ service: 'rtc', channel: input.channel, user: Number(uid), privileges }]);
    const token = this.signer.sign(project, seconds, grants).token;
    this.metrics.tokenIssued(BOT_TOKEN_KIND, project.name);
    const body = joinBodyOf(input, { uid, token }, captions);
    const answer = await this.api.join(project, body, requestId).catch((error: unknown) => this.joinFailed(error, { input, project, uid, name: body.name, seconds }));
    const agentId = typeof answer.agent_id === 'string' && answer.agent_id !== '' ? answer.agent_id : undefined;
    if (agentId === undefined) throw new ProblemException(HttpStatus.BAD_GATEWAY, 'Agora answered the join without an agent_id.', UPSTREAM_PROBLEM_TYPE);
    recordIssued(caller, { kind: 'transcription', channel: input.channel, user: uid });
    const data: TranscriptionData = { channel: input.channel, agentId, botUid: uid, createdAt: startedAt.getTime() };
    const id = this.access.seal(TRANSCRIPTION, project, caller, data);
    await this.access.remember(TRANSCRIPTION, project, caller, { agoraId: agentId, id, channel: input.channel, expiresAt: Math.floor(startedAt.getTime() / 1000) + seconds });
    return transcriptionOf(id, project, data, statusOf(answer));
  }

  /** Agora's `captionConfig` for the profile the input names (`true`: the project's default), if it stores captions. */
  private captionsOf(input: CreateTranscriptionInput, project: RestProject, startedAt: Date): JoinBody['captionConfig'] {
    if (input.captions === undefined) return undefined;
    const profile = this.access.chooseStorage(TRANSCRIPTION, input.captions === true ? undefined : input.captions, project.name, 'captions');
    return captionConfigOf(profile, input.channel, startedAt);
  }

  /**
   * A failed join: as the REST layer maps it, unless its outcome is unknown (no answer in time, a connection broken
   * after sending): then a bot may be running that nobody can address, so the problem names it and says how it ends,
   * and the same is logged at warn (with its name, for Agora support).
   */
  private joinFailed(error: unknown, join: { input: CreateTranscriptionInput; project: RestProject; uid: string; name: string; seconds: number }): never {
    if (!joinOutcomeUnknown(error)) throw error;
    const { input, project, uid, name, seconds } = join;
    const ends = `it stops once nobody has spoken for its maxIdleTime (${input.maxIdleSeconds ?? DEFAULT_IDLE_SECONDS} s), and at the latest when its bot's token expires (${seconds} s).`;
    this.logger.warn(`transcription.join in project ${project.name}, channel ${JSON.stringify(input.channel)}, bot uid ${uid}, name ${name}: outcome unknown (${error.failure}); ${ends}`);
    const status = error.failure === 'timeout' ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
    throw new ProblemException(status, `Agora did not answer the join; a transcription may be running that this service cannot address: ${ends}`, UPSTREAM_PROBLEM_TYPE, {
      transcription: { channel: input.channel, botUid: uid },
    });
  }

  /** Agora's query of the transcription `id` names (a 404 for anyone but its owner, or once Agora no longer runs it). */
  async get(id: string, caller: Caller, requestId?: string): Promise<TranscriptionDto> {
    const { project, data } = this.access.open<TranscriptionData>(TRANSCRIPTION, id, caller);
    const answer = await this.api.query(project, data.agentId, requestId).catch(ended);
    return transcriptionOf(id, project, data, statusOf(answer));
  }

  /**
   * Agora's update with the fields sent (its `updateMask`) and a sequenceId larger than any before (UpdateSequencer),
   * 5 s after the start and the previous update at the soonest (UpdateSpacing: a 429 before that): Agora answering
   * that another update came first is a 409.
   */
  async update(id: string, changes: UpdateTranscriptionDto, caller: Caller, requestId?: string): Promise<TranscriptionDto> {
    const { project, data } = this.access.open<TranscriptionData>(TRANSCRIPTION, id, caller, { change: true });
    const { mask, body } = updateOf(changes);
    const release = this.spacing.claim(data.agentId, data.createdAt);
    const answer = await this.sequencer
      .run(`transcription/${data.agentId}`, data.createdAt, (sequence) => this.api.update(project, data.agentId, sequence, mask, body, requestId))
      .catch((error: unknown) => {
        release(error);
        return updateFailed(error);
      });
    return transcriptionOf(id, project, data, statusOf(answer));
  }

  /** Agora's leave: the bot leaves the channel. An agent Agora had already stopped answers `alreadyStopped: true`. */
  async delete(id: string, caller: Caller, requestId?: string): Promise<StoppedTranscriptionDto> {
    const { project, data } = this.access.open<TranscriptionData>(TRANSCRIPTION, id, caller);
    let alreadyStopped = false;
    try {
      await this.api.leave(project, data.agentId, requestId);
    } catch (error) {
      if (!isGone(error)) throw error;
      alreadyStopped = true;
    }
    await this.access.forget(TRANSCRIPTION, project, data.agentId);
    return { ...transcriptionOf(id, project, data, alreadyStopped ? 'STOPPED' : 'STOPPING'), alreadyStopped };
  }

  /**
   * The transcriptions of `request.channel` that Agora has not ended and the caller may reach (its own; every one for an
   * API key with `resources: any`): the ownership index joined with Agora's list, which answers one state per call
   * (RUNNING), and with Agora's query of each agent that list left out (STARTING, RECOVERING… still run). An entry is
   * forgotten only once that query says its agent ended (404, STOPPED, FAILED); one whose query fails is listed UNKNOWN.
   */
  async list(request: { project?: string; appId?: string; channel: string }, caller: Caller, requestId?: string): Promise<TranscriptionListDto> {
    const project = this.access.begin(TRANSCRIPTION, request, caller);
    const entries = await this.access.list(TRANSCRIPTION, project, caller, request.channel);
    if (entries.length === 0) return { items: [] };
    const since = Math.min(...entries.map((entry) => entry.createdAt)) - LIST_GRACE_SECONDS;
    const agents = new Map<string, ListedAgent | undefined>((await this.api.list(project, request.channel, since, requestId)).map((agent) => [agent.agentId, agent]));
    const unlisted = entries.map((entry) => entry.agoraId).filter((agentId) => !agents.has(agentId));
    for (let at = 0; at < unlisted.length; at += QUERIES_AT_ONCE) {
      const batch = unlisted.slice(at, at + QUERIES_AT_ONCE);
      const queried = await Promise.all(batch.map((agentId) => this.queried(project, agentId, requestId)));
      batch.forEach((agentId, index) => agents.set(agentId, queried[index]));
    }
    const items: ListedTranscriptionDto[] = [];
    for (const entry of entries) {
      const agent = agents.get(entry.agoraId);
      if (agent) {
        const startedAt = agent.startTs === undefined ? undefined : new Date(agent.startTs * 1000).toISOString();
        items.push({ id: entry.id, project: project.name, channel: entry.channel, agentId: entry.agoraId, status: agent.status, ...(startedAt ? { startedAt } : {}) });
      } else if (Date.now() / 1000 - entry.createdAt > LIST_GRACE_SECONDS) {
        await this.access.forget(TRANSCRIPTION, project, entry.agoraId);
      }
    }
    return { items };
  }

  /** Agora's query of an agent its list left out: `undefined` once it has ended; UNKNOWN when the query failed. */
  private async queried(project: RestProject, agentId: string, requestId?: string): Promise<ListedAgent | undefined> {
    try {
      return queriedAgent(agentId, await this.api.query(project, agentId, requestId));
    } catch (error) {
      return isGone(error) ? undefined : { agentId, status: 'UNKNOWN' };
    }
  }
}

/** Agora's updateMask and body for the changes sent: a 400 when nothing would change. */
function updateOf(changes: UpdateTranscriptionDto): { mask: string[]; body: UpdateBody } {
  const { languages, subscribeAudioUids, translate } = changes;
  const mask = [
    ...(languages ? ['languages'] : []),
    ...(subscribeAudioUids ? ['rtcConfig.subscribeAudioUids'] : []),
    ...(translate?.enable !== undefined ? ['translateConfig.enable'] : []),
    ...(translate?.languages ? ['translateConfig.languages'] : []),
  ];
  if (mask.length === 0) throw ValidationProblemException.field('body', 'send at least one change: languages, subscribeAudioUids or translate');
  const translateConfig = translate && mask.some((path) => path.startsWith('translateConfig.')) ? { ...translate } : undefined;
  const body: UpdateBody = {
    ...(languages ? { languages } : {}),
    ...(subscribeAudioUids ? { rtcConfig: { subscribeAudioUids } } : {}),
    ...(translateConfig ? { translateConfig } : {}),
  };
  return { mask, body };
}

/** The answer describing a transcription. */
export function transcriptionOf(id: string, project: RestProject, data: TranscriptionData, status: string): TranscriptionDto {
  return { id, project: project.name, channel: data.channel, agentId: data.agentId, status, botUid: data.botUid, createdAt: new Date(data.createdAt).toISOString() };
}
