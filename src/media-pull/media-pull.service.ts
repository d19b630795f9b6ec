import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { mediaRegionConfig } from '../agora-services/media-region.config.js';
import { ServiceAccess, type RestProject } from '../agora-services/service-access.service.js';
import { ServiceNotFound } from '../agora-services/service-problems.js';
import { UpdateSequencer } from '../agora-services/update-sequencer.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordIssued } from '../common/logging/request-record.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { CloudPlayerApi, type AgoraPlayer, type PlayerChange } from './cloud-player.api.js';
import type { CreatePlayerDto } from './dto/create-player.dto.js';
import type { ListPlayersFilter } from './dto/list-players.query.js';
import type { PlayerDto, PlayerListDto } from './dto/player.dto.js';
import type { UpdatePlayerDto } from './dto/update-player.dto.js';
import { MEDIA_PULL, nameConflict, sequenceConflict } from './media-pull-access.js';
import { playerAnswer, type PlayerData } from './player-answer.js';
import { playerName, playerUser } from './player-identity.js';
import { findUnknownCreate, type SentCreate } from './unknown-create.js';

/** A create, as any route gives it (the /v1 body, or the Go fork's mapped onto it). */
export type CreatePlayerInput = CreatePlayerDto;
/** An update, as any route gives it. */
export type UpdatePlayerInput = UpdatePlayerDto;

/** The `kind` label of the players' tokens in agora_tokens_issued_total. */
const PLAYER_TOKEN_KIND = 'media-pull-player';
/** Agora lists a new player only after about 10 s: a player younger than this missing from its list is not ended. */
const LIST_DELAY_MS = 30_000;

/**
 * Agora's cloud player (media pull) for callers: creates players with a token this service signs for exactly the
 * player's user, and finds them again by their sealed id to report, change and delete them; lists show each caller
 * its own. Plain inputs, so the Go fork's /rtmp/pull routes run on it too.
 */
@Injectable()
export class MediaPullService {
  constructor(
    private readonly access: ServiceAccess,
    private readonly sequencer: UpdateSequencer,
    private readonly authorizer: TokenAuthorizer,
    private readonly signer: AgoraTokenSigner,
    private readonly api: CloudPlayerApi,
    private readonly metrics: MetricsService,
    @Inject(tokenConfig.KEY) private readonly tokens: ConfigType<typeof tokenConfig>,
    @Inject(mediaRegionConfig.KEY) private readonly regions: ConfigType<typeof mediaRegionConfig>,
  ) {}

  /** Creates a player playing `input.streamUrl` into `input.channel`, for `caller`. */
  async create(input: CreatePlayerInput, caller: Caller, requestId?: string): Promise<PlayerDto> {
    const project = this.access.begin(MEDIA_PULL, input, caller);
    const user = playerUser(input, caller);
    const token = this.playerToken(project, caller, input.channel, user.uid ?? user.account);
    const name = playerName();
    const region = input.region ?? this.regions.defaultRegion;
    const { channel, streamUrl, idleTimeoutSeconds, repeatTime, seekPosition, playTs, audioOptions, videoOptions } = input;
    const spec = { name, channelName: channel, streamUrl, ...user, token, idleTimeout: idleTimeoutSeconds, repeatTime, seekPosition, playTs, audioOptions, videoOptions };
    const sent: SentCreate = { project, region, spec: withoutUndefined(spec), streamIp: input.streamOriginIp, requestId };
    const created = await this.api
      .create(sent.project, sent.region, sent.spec, sent.streamIp, sent.requestId)
      .catch((error: unknown) => (error instanceof AgoraUpstreamError && error.mayHaveCreated ? findUnknownCreate(this.api, sent, error) : duplicateName(error)));
    const data: PlayerData = { ...user, channel, player: created.id, region, name, created: Date.now() };
    const id = this.access.seal(MEDIA_PULL, project, caller, data);
    await this.access.remember(MEDIA_PULL, project, caller, { agoraId: created.id, id, channel });
    recordIssued(caller, { kind: 'media-pull', channel, user: user.uid ?? user.account });
    return playerAnswer(id, project.name, data, created);
  }

  /** The player `id` names, as its id tells it (Agora is not asked): for routes that check what a request echoes. */
  describe(id: string, caller: Caller): PlayerDto {
    const { project, data } = this.access.open<PlayerData>(MEDIA_PULL, id, caller);
    return playerAnswer(id, project.name, data);
  }

  /** The player `id` names, with the status Agora lists it in; a 404 once Agora no longer runs it. */
  async get(id: string, caller: Caller, requestId?: string): Promise<PlayerDto> {
    const { project, data } = this.access.open<PlayerData>(MEDIA_PULL, id, caller);
    const listed = (await this.api.list(project, data.channel, requestId)).find((player) => player.id === data.player);
    if (!listed && !(this.recent(data) && (await this.indexed(project, caller, data)))) {
      await this.access.forget(MEDIA_PULL, project, data.player);
      throw ServiceNotFound.ended(MEDIA_PULL);
    }
    return playerAnswer(id, project.name, data, listed);
  }

  /**
   * Changes a running player: the stream, the volume, pause or resume, the position. Agora takes a strictly
   * increasing `sequence` per player: updates of one player run one at a time here, each with the next number.
   */
  async update(id: string, change: UpdatePlayerInput, caller: Caller, requestId?: string): Promise<PlayerDto> {
    const { project, data } = this.access.open<PlayerData>(MEDIA_PULL, id, caller, { change: true });
    const body = changeOf(change);
    const address = { project, region: data.region, player: data.player };
    await this.sequencer
      .run(`media-pull/${data.player}`, data.created, (sequence) => this.api.update(address, body, sequence, requestId))
      .catch((error: unknown) => this.updateFailed(error, project, data));
    return playerAnswer(id, project.name, data);
  }

  /** Deletes the player; a 404 when Agora no longer ran it. */
  async delete(id: string, caller: Caller, requestId?: string): Promise<void> {
    const { project, data } = this.access.open<PlayerData>(MEDIA_PULL, id, caller);
    try {
      await this.api.delete({ project, region: data.region, player: data.player }, requestId);
    } catch (error) {
      if (!isGone(error)) throw error;
      await this.access.forget(MEDIA_PULL, project, data.player);
      throw ServiceNotFound.ended(MEDIA_PULL);
    }
    await this.access.forget(MEDIA_PULL, project, data.player);
  }

  /**
   * The caller's players (an API key with `resources: any`: every player its channels allow) that Agora still
   * lists, in `channel` and `region` when given. Agora's list is the truth of what runs; the ownership index says
   * whose each is. Entries Agora no longer lists are forgotten.
   */
  async list(input: ListPlayersFilter, caller: Caller, requestId?: string): Promise<PlayerListDto> {
    const project = this.access.begin(MEDIA_PULL, input, caller);
    const entries = await this.access.list(MEDIA_PULL, project, caller, input.channel);
    // Nothing of the caller's to show: Agora's list (2 calls a second per project) is not asked.
    if (entries.length === 0) return { players: [] };
    const listed = new Map((await this.api.list(project, input.channel, requestId)).map((player) => [player.id, player]));
    const players: PlayerDto[] = [];
    for (const entry of entries) {
      const data = this.dataOf(entry.id, caller);
      const reported = listed.get(entry.agoraId);
      if (!data) continue;
      if (!reported && !this.recent(data)) await this.access.forget(MEDIA_PULL, project, entry.agoraId);
      else if (input.region === undefined || data.region === input.region) players.push(playerAnswer(entry.id, project.name, data, reported));
    }
    return { players: players.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
  }

  /**
   * The player's token: RTC, for exactly its user in its channel, to join and publish audio and video, as long as a
   * token may last (TOKEN_MAX_EXPIRE_SECONDS, at most 24 h, less under an API key's `maxExpireSeconds`): a player
   * cannot renew it, so this is how long it can play. Judged by the caller's policy like any token.
   */
  private playerToken(project: RestProject, caller: Caller, channel: string, user: number | string): string {
    const cap = this.authorizer.lifetimeCap(caller);
    const seconds = cap === undefined ? this.tokens.maxExpireSeconds : Math.min(cap, this.tokens.maxExpireSeconds);
    const privileges = { joinChannel: seconds, publishAudio: seconds, publishVideo: seconds };
    const grants = this.authorizer.check(caller, MEDIA_PULL, seconds, [{ service: 'rtc', channel, user, privileges }]);
    const { token } = this.signer.sign(project, seconds, grants);
    this.metrics.tokenIssued(PLAYER_TOKEN_KIND, project.name);
    return token;
  }

  private dataOf(id: string, caller: Caller): PlayerData | undefined {
    try {
      return this.access.open<PlayerData>(MEDIA_PULL, id, caller).data;
    } catch {
      return undefined;
    }
  }

  /**
   * Whether the ownership index still holds the player: a player Agora does not list yet (it lists new ones after
   * about 10 s) is taken as running unless it was deleted here. An index that cannot answer does not end it either.
   */
  private async indexed(project: RestProject, caller: Caller, data: PlayerData): Promise<boolean> {
    const entries = await this.access.list(MEDIA_PULL, project, caller, data.channel).catch(() => undefined);
    return entries === undefined || entries.some((entry) => entry.agoraId === data.player);
  }

  private recent(data: PlayerData): boolean {
    return Date.now() - data.created < LIST_DELAY_MS;
  }

  private async updateFailed(error: unknown, project: RestProject, data: PlayerData): Promise<never> {
    if (isGone(error)) {
      await this.access.forget(MEDIA_PULL, project, data.player);
      throw ServiceNotFound.ended(MEDIA_PULL);
    }
    if (error instanceof AgoraUpstreamError && error.upstream?.status === 409) throw sequenceConflict(error.upstream);
    throw error;
  }
}

/** Agora's body for an update; a 400 when the request changes nothing. */
function changeOf(change: UpdatePlayerInput): PlayerChange {
  const { streamUrl, volume, paused, seekPosition } = change;
  if ([streamUrl, volume, paused, seekPosition].every((value) => value === undefined)) {
    throw ValidationProblemException.field('body', 'send at least one of streamUrl, volume, paused, seekPosition');
  }
  return withoutUndefined({ streamUrl, audioOptions: volume === undefined ? undefined : { volume }, isPause: paused, seekPosition });
}

/**
 * Agora answering 404 ("Resource is not found and destroyed") about a player: it has ended. Agora's texts are withheld
 * (they may repeat the stream URL), so its gateway's 404 for a path it does not route (a wrong AGORA_API_BASE_URL)
 * reads the same, as for media push: a create still shows that as a 502, and the base URL is where to look.
 */
function isGone(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.upstream?.status === 404;
}

/** Agora's 409 to a create: a player of that name already runs (never ours: names are random). */
function duplicateName(error: unknown): never {
  if (error instanceof AgoraUpstreamError && error.upstream?.status === 409) throw nameConflict(error.upstream);
  throw error;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
