import { Injectable } from '@nestjs/common';
import type { Caller } from '../../auth/caller.interface.js';
import { isMediaRegion, type MediaRegion } from '../../agora-services/media-region.config.js';
import { VIDEO_CODECS, type PlayerVideoOptionsDto } from '../../media-pull/dto/player-options.dto.js';
import type { PlayerDto } from '../../media-pull/dto/player.dto.js';
import { MediaPullService } from '../../media-pull/media-pull.service.js';
import { LegacyErrorException } from '../legacy-error.exception.js';
import { LegacyInputProblem } from '../legacy-input-problem.exception.js';
import type { ForkPlayerDto, ForkPullListDto, ForkPullStatusDto, ForkStartPullAnswerDto } from './dto/fork-rtmp-pull-answers.dto.js';
import type { ForkPlayerIdDto, ForkPlayerVideoOptionsDto, ForkStartPullDto, ForkStopPullDto, ForkUpdatePullDto } from './dto/fork-rtmp-pull-requests.dto.js';
import { agoraCodec } from './dto/fork-codec.js';

/** The fork's list query (`GET /rtmp/pull/list`, a stub there): optional filters. */
export interface ForkPullListQuery {
  channelName?: string;
  region?: string;
}

/**
 * The Go fork's `/rtmp/pull/*` routes on the media pull service of /v1: its bodies mapped onto create, update, delete
 * and list, and the answers back into its shapes. The `player.id` it answers is the player's sealed id, so the fork's
 * clients, which echo it back as `playerId`, name their player in a way only its owner can use (a 404 for anyone else).
 */
@Injectable()
export class ForkRtmpPullMapper {
  constructor(private readonly players: MediaPullService) {}

  async start(body: ForkStartPullDto, caller: Caller, requestId: string): Promise<ForkStartPullAnswerDto> {
    const player = await this.players.create(
      {
        channel: body.channelName,
        streamUrl: body.streamUrl,
        ...(body.uid === undefined ? {} : { uid: Number(body.uid) }),
        region: regionOf(body.region),
        idleTimeoutSeconds: body.idleTimeOut,
        playTs: body.playTs,
        streamOriginIp: body.streamOriginIp,
        audioOptions: body.audioOptions,
        videoOptions: body.videoOptions && videoOf(body.videoOptions),
      },
      caller,
      requestId,
    );
    return { player: forkPlayer(player), fields: 'player.uid,player.id,player.createTs', timestamp: timestamp() };
  }

  async stop(body: ForkStopPullDto, caller: Caller, requestId: string): Promise<ForkPullStatusDto> {
    this.check(body, caller);
    await this.players.delete(body.playerId, caller, requestId);
    return { status: 'Success', timestamp: timestamp() };
  }

  async update(body: ForkUpdatePullDto, caller: Caller, requestId: string): Promise<ForkPullStatusDto> {
    this.check(body, caller);
    const { streamUrl, audioOptions, isPause, seekPosition } = body;
    await this.players.update(body.playerId, { streamUrl, volume: audioOptions?.volume, paused: isPause, seekPosition }, caller, requestId);
    return { status: 'Success', timestamp: timestamp() };
  }

  async list(query: ForkPullListQuery, caller: Caller, requestId: string): Promise<ForkPullListDto> {
    const region = query.region === undefined ? undefined : regionOf(query.region);
    if (query.channelName === '') throw LegacyInputProblem.field('channelName', 'channelName must not be empty');
    const { players } = await this.players.list({ channel: query.channelName, region }, caller, requestId);
    const listed = players.map((player) => ({
      ...forkPlayer(player),
      channelName: player.channel,
      name: player.name,
      region: player.region,
      ...(player.status ? { status: player.status } : {}),
    }));
    return { totalSize: listed.length, players: listed, timestamp: timestamp() };
  }

  /** The player must be the caller's (a 404 otherwise), and a region sent with it must be its own (a 400 naming it). */
  private check(body: ForkPlayerIdDto, caller: Caller): void {
    const player = this.players.describe(body.playerId, caller);
    if (body.region !== undefined && regionOf(body.region) !== player.region) {
      throw LegacyInputProblem.field('region', `region is not the player's (${player.region}); it may be left out`);
    }
  }
}

/** A region the fork took: Agora's, or the fork's own 400 for anything else; left out, the configured one. */
function regionOf(region: string | undefined): MediaRegion | undefined {
  if (region === undefined) return undefined;
  if (!isMediaRegion(region)) throw new LegacyErrorException('Invalid region specified.');
  return region;
}

function forkPlayer(player: PlayerDto): ForkPlayerDto {
  const createTs = Math.floor(Date.parse(player.createdAt) / 1000);
  return { id: player.id, createTs, ...(player.account === undefined ? { uid: String(player.uid) } : { account: player.account }) };
}

/** Now, as the fork stamped its answers: RFC 3339 in UTC, whole seconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The fork's video settings as /v1 takes them: the codec in Agora's spelling (`H264` is `H.264`). */
function videoOf({ codec, ...video }: ForkPlayerVideoOptionsDto): PlayerVideoOptionsDto {
  return codec === undefined ? video : { ...video, codec: agoraCodec(codec, VIDEO_CODECS) };
}
