import type { MediaRegion } from '../agora-services/media-region.config.js';
import type { AgoraPlayer } from './cloud-player.api.js';
import type { PlayerDto } from './dto/player.dto.js';
import type { PlayerUser } from './player-identity.js';

/** What a player's sealed id carries: all that later calls need, on any replica, after any restart. */
export type PlayerData = PlayerUser & {
  readonly channel: string;
  /** Agora's player id. */
  readonly player: string;
  readonly region: MediaRegion;
  readonly name: string;
  /** When it was created, in milliseconds since the epoch (the base of its updates' sequence). */
  readonly created: number;
};

/** The answer describing a player; `reported` is what Agora said of it, if anything. */
export function playerAnswer(id: string, project: string, data: PlayerData, reported?: AgoraPlayer): PlayerDto {
  return {
    id,
    project,
    channel: data.channel,
    region: data.region,
    ...(data.account === undefined ? { uid: data.uid } : { account: data.account }),
    playerId: data.player,
    name: data.name,
    ...(reported?.status ? { status: reported.status } : {}),
    createdAt: new Date(data.created).toISOString(),
  };
}
