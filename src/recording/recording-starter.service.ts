import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { ConfigType } from '@nestjs/config';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { ProjectRegistry } from '../agora/projects/project-registry.js';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraUpstreamError, UPSTREAM_PROBLEM_TYPE } from '../agora-rest/agora-upstream.error.js';
import { matchesAnyGlob } from '../auth/authorization/channel-glob.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { ownerOf } from '../auth/caller-owner.js';
import { recordIssued, recordProject } from '../common/logging/request-record.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ProjectSelector } from '../tokens/project-selector.js';
import { botUid } from './bot-uid.js';
import { clientRequestOf, resourceExpiredHourOf, sceneOf } from './client-request.builder.js';
import { CloudRecordingApi, StartOutcomeUnknown } from './cloud-recording.api.js';
import type { RecordingDto } from './dto/recording.dto.js';
import { fileNamePrefix } from './file-name-prefix.js';
import { RECORDING, RecordingConflict, RecordingNotFound, RecordingStartUnknown } from './recording-access.js';
import { recordingConfig } from './recording.config.js';
import type { RecordingHandle } from './recording-handle.js';
import { openRecordingId, projectNamedBy, recordingIdKey, sealRecordingId } from './recording-id.codec.js';
import { checkStartRequest, uidsNamedBy, type StartRecordingInput } from './start-request.rules.js';
import { chooseStorageProfile } from './storage/choose-storage-profile.js';

/** A recording as the operations on it take it: its handle, its project (with the REST credentials) and its id. */
export interface RecordingTarget {
  readonly handle: RecordingHandle;
  readonly project: AgoraProject;
  readonly id: string;
}

/** Agora's answers to a start that mean "this channel is already recorded": 7 already started, 53 task conflict. */
const ALREADY_RECORDING = new Set([7, 53]);

/**
 * Starts cloud recordings and finds them again by id: chooses the project (as token requests do) and the
 * storage profile, picks the bot's uid, signs its token (judged by the caller's policy like any token), and runs
 * acquire then start back to back with one `clientRequest`. The id it answers is signed with a key derived from
 * the project's Customer Secret and names the owner; {@link open} checks both on every later call.
 */
@Injectable()
export class RecordingStarter implements OnModuleInit {
  private readonly logger = new Logger('CloudRecording');

  constructor(
    private readonly registry: ProjectRegistry,
    private readonly selector: ProjectSelector,
    private readonly authorizer: TokenAuthorizer,
    private readonly signer: AgoraTokenSigner,
    private readonly api: CloudRecordingApi,
    private readonly metrics: MetricsService,
    @Inject(tokenConfig.KEY) private readonly tokens: ConfigType<typeof tokenConfig>,
    @Inject(recordingConfig.KEY) private readonly config: ConfigType<typeof recordingConfig>,
  ) {}

  onModuleInit(): void {
    const why = this.offBecause();
    if (why) this.logger.log(`Cloud recording is off: ${why}; the /v1/recordings routes answer 404.`);
  }

  /** Why recording is off, or undefined when it is on (a project has REST credentials and a storage profile exists). */
  private offBecause(): string | undefined {
    if (!this.registry.current.projects.some((project) => project.rest !== undefined)) return 'no project has REST credentials (customerId, customerSecret)';
    if (this.config.storageProfiles.length === 0) return 'no storage profile is configured (AGORA_STORAGE_PROFILES_FILE or STORAGE_*)';
    return undefined;
  }

  /** Starts recording `input.channel` for `caller`; answers the recording with its id. */
  async start(input: StartRecordingInput, caller: Caller, requestId?: string): Promise<RecordingDto> {
    if (this.offBecause()) throw RecordingNotFound.off();
    this.authorizer.checkKind(caller, RECORDING);
    checkStartRequest(input);
    const project = this.selector.select(input, caller);
    if (project.rest === undefined) throw RecordingNotFound.project(project.name);
    const storage = chooseStorageProfile(this.config.storageProfiles, input.storage, project.name, RecordingNotFound.storage);
    const startedAt = new Date();
    const uid = botUid(uidsNamedBy(input));
    // The bot's token lasts as long as a token may: a recording cannot renew it, so this is how long it can run.
    const cap = this.authorizer.lifetimeCap(caller);
    const seconds = cap === undefined ? this.tokens.maxExpireSeconds : Math.min(cap, this.tokens.maxExpireSeconds);
    const grants = this.authorizer.check(caller, RECORDING, seconds, [
      { service: 'rtc', channel: input.channel, user: Number(uid), privileges: { joinChannel: seconds } },
    ]);
    const token = input.mode === 'web' ? undefined : this.signer.sign(project, seconds, grants).token;
    // A signed token like any other, given to Agora's bot: counted with the tokens the /v1 routes issue.
    if (token !== undefined) this.metrics.tokenIssued(BOT_TOKEN_KIND, project.name);
    const clientRequest = clientRequestOf(input, storage, fileNamePrefix(input.channel, startedAt), token);
    const acquire = { scene: sceneOf(input), resourceExpiredHour: resourceExpiredHourOf(input), startParameter: clientRequest };
    const resourceId = await this.api.acquire(project, input.channel, uid, acquire, requestId);
    this.checkIdFits(project, { project: project.name, mode: input.mode, channel: input.channel, uid, resourceId, owner: ownerOf(caller), startedAt: 0 });
    const sid = await this.api
      .start(project, input.mode, resourceId, input.channel, uid, clientRequest, requestId)
      .catch((error: unknown) => this.startFailed(error, { input, project: project.name, uid, resourceId, seconds }));
    recordIssued(caller, { kind: 'recording', channel: input.channel, user: uid });
    const handle: RecordingHandle = {
      project: project.name,
      mode: input.mode,
      channel: input.channel,
      uid,
      resourceId,
      sid,
      owner: ownerOf(caller),
      startedAt: Math.floor(startedAt.getTime() / 1000),
    };
    return recordingOf(this.target(handle));
  }

  /**
   * The target of a handle made elsewhere (a route that names Agora's ids itself, such as the Go fork's
   * /cloud_recording/*, with the caller as owner), with the id /v1 would give it; a 404 when its project cannot record.
   */
  target(handle: RecordingHandle): RecordingTarget {
    const project = this.registry.current.byName.get(handle.project);
    if (!project?.rest) throw RecordingNotFound.project(handle.project);
    return { handle, project, id: sealRecordingId(handle, recordingIdKey(project.appId, project.rest.customerSecret)) };
  }

  /**
   * The recording `id` names, if it is genuine and `caller` started it; one 404 otherwise (malformed, tampered,
   * signed with another Customer Secret, another caller's), so ids cannot be probed. The caller's policy is judged
   * again (its kinds, its projects): a key that lost `recording` can no longer touch its recordings.
   */
  open(id: string, caller: Caller): RecordingTarget {
    if (this.offBecause()) throw RecordingNotFound.off();
    this.authorizer.checkKind(caller, RECORDING);
    const name = projectNamedBy(id);
    const project = name === undefined ? undefined : this.registry.current.byName.get(name);
    const handle = project?.rest ? openRecordingId(id, recordingIdKey(project.appId, project.rest.customerSecret)) : undefined;
    if (!project || !handle || !mayReach(caller, handle)) throw RecordingNotFound.id();
    this.authorizer.checkProject(caller, project.name);
    recordProject(caller, project.name);
    return { handle, project, id };
  }

  /**
   * Refuses (502) before the start a resource whose id could not be opened again (a resourceId far longer than
   * Agora's usual few hundred characters makes an id past the router's limit): a recording nobody could stop must
   * not be started. Checked with a sid twice as long as Agora's 32 characters; the unused resource costs nothing.
   */
  private checkIdFits(project: AgoraProject, handle: Omit<RecordingHandle, 'sid'>): void {
    const key = recordingIdKey(project.appId, project.rest!.customerSecret);
    const id = sealRecordingId({ ...handle, sid: randomBytes(32).toString('hex') }, key);
    if (openRecordingId(id, key) !== undefined) return;
    throw new ProblemException(
      HttpStatus.BAD_GATEWAY,
      `Agora's resourceId (${handle.resourceId.length} characters) is too long for a recording id this service could open again; no recording was started.`,
      UPSTREAM_PROBLEM_TYPE,
    );
  }

  /**
   * A failed start: Agora's "already recording" as a 409; a start whose outcome is unknown as a problem naming the
   * recording that may be running and how it ends, logged at warn (it may bill until then); anything else as is.
   */
  private startFailed(error: unknown, started: { input: StartRecordingInput; project: string; uid: string; resourceId: string; seconds: number }): never {
    if (!(error instanceof StartOutcomeUnknown)) return conflicts(error);
    const { input, project, uid, resourceId, seconds } = started;
    const recording = { channel: input.channel, uid, resourceId };
    const detail = `${error.upstream.message} The recording may be running, but without its sid this service cannot query or stop it: ${endsWhen(input, seconds)}`;
    this.logger.warn(
      `recording.start in project ${project}, channel ${JSON.stringify(input.channel)}, uid ${uid}, resourceId ${resourceId}: outcome unknown (${error.upstream.failure}${codeText(error)}); ${endsWhen(input, seconds)}`,
    );
    const upstream = error.upstream.upstream;
    throw new RecordingStartUnknown(error.upstream.failure === 'timeout', detail, { recording, ...(upstream ? { upstream } : {}) });
  }
}

/**
 * Whether `caller` may act on the recording: its owner may; so may an API key whose policy says
 * `"recordings": "any"`, for a channel its `channels` allow (its kinds and projects are judged by the caller).
 */
function mayReach(caller: Caller, handle: RecordingHandle): boolean {
  if (handle.owner === ownerOf(caller)) return true;
  if (caller.kind !== 'apikey' || caller.policy.recordings !== 'any') return false;
  return caller.policy.channels === undefined || matchesAnyGlob(handle.channel, caller.policy.channels);
}

/** The `kind` label of the recording bot's tokens in agora_tokens_issued_total. */
const BOT_TOKEN_KIND = 'recording-bot';

/** Agora's "already recording" answers to a start, as a 409; any other failure as the REST layer maps it. */
function conflicts(error: unknown): never {
  if (error instanceof AgoraUpstreamError && error.upstream?.code !== undefined && ALREADY_RECORDING.has(error.upstream.code)) {
    throw new RecordingConflict(`Agora already records this channel with this uid (code ${error.upstream.code}): stop it first.`, { upstream: error.upstream });
  }
  throw error;
}

/** Agora's default maxIdleTime: a recording with nobody publishing stops after this many seconds. */
const DEFAULT_MAX_IDLE_SECONDS = 30;

/** How a recording nobody can address ends on its own. */
function endsWhen(input: StartRecordingInput, tokenSeconds: number): string {
  if (input.mode === 'web') {
    const hours = input.extensionServiceConfig?.extensionServices.find(({ serviceParam }) => serviceParam.maxRecordingHour !== undefined)?.serviceParam.maxRecordingHour;
    return `a web recording ends after its maxRecordingHour (${hours} h).`;
  }
  const idle = input.recordingConfig?.maxIdleTime ?? DEFAULT_MAX_IDLE_SECONDS;
  return `it ends once nobody has published in the channel for its maxIdleTime (${idle} s), and at the latest when its bot's token expires (${tokenSeconds} s after the start).`;
}

function codeText(error: StartOutcomeUnknown): string {
  const code = error.upstream.upstream?.code;
  return code === undefined ? '' : ` code ${code}`;
}

/** The answer describing a recording. */
export function recordingOf({ handle, id }: Pick<RecordingTarget, 'handle' | 'id'>): RecordingDto {
  const { project, channel, mode, uid, resourceId, sid, startedAt } = handle;
  return { id, project, channel, mode, uid, resourceId, sid, startedAt: new Date(startedAt * 1000).toISOString() };
}
