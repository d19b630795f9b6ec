import { Injectable } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { AgoraRestClient } from '../agora-rest/agora-rest.client.js';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';
import { PlayerListCache } from './player-list.cache.js';

/** Per attempt: Agora's cloud player answers at once (the player connects to the stream afterwards). */
export const TIMEOUTS_MS = { create: 10_000, update: 10_000, delete: 10_000, list: 10_000 } as const;
/** Agora's largest list page. */
const PAGE_SIZE = 500;
/** Pages read for one list at most (25 000 players, far above Agora's default 50 per project). */
const MAX_PAGES = 50;

/** A player's states as Agora reports them. */
export const PLAYER_STATUSES = ['idle', 'connecting', 'running', 'failed'] as const;
export type PlayerStatus = (typeof PLAYER_STATUSES)[number];

/** Agora's `player` in a create body: what this service sends (never `encryptKey`, `dataStreamOptions`). */
export interface PlayerSpec {
  readonly name: string;
  readonly channelName: string;
  readonly streamUrl: string;
  readonly uid?: number;
  readonly account?: string;
  readonly token: string;
  readonly idleTimeout?: number;
  readonly repeatTime?: number;
  readonly seekPosition?: number;
  readonly playTs?: number;
  readonly audioOptions?: object;
  readonly videoOptions?: object;
}

/** Agora's `player` in an update body: only these may change. */
export interface PlayerChange {
  readonly streamUrl?: string;
  readonly audioOptions?: { readonly volume: number };
  readonly isPause?: boolean;
  readonly seekPosition?: number;
}

/** What Agora tells of one player (create answer, list item). The list may leave out all but id, name and createTs. */
export interface AgoraPlayer {
  readonly id: string;
  readonly name?: string;
  readonly channelName?: string;
  readonly uid?: number;
  readonly account?: string;
  readonly createTs?: number;
  readonly status?: PlayerStatus;
}

/** Where a call about one player goes. */
export interface PlayerAddress {
  readonly project: AgoraProject;
  readonly region: MediaRegion;
  readonly player: string;
}

/**
 * Agora's Cloud Player RESTful API (media pull), over the one AgoraRestClient: paths, bodies, timeouts and whether
 * a call may be repeated. Create, update and delete act, so they are never repeated once they may have reached
 * Agora (`retry: none`); lists are. Every call is marked `bodyHasSecrets` (an error then passes only Agora's status
 * and code): create and update bodies hold the player's token or a stream URL that may carry credentials, and
 * Agora's texts about a running player (its delete, a volume change, the list) may repeat that URL. Agora's list has
 * no region in its path: it lists the project's players of every region; its answers are shared and kept a few
 * seconds ({@link PlayerListCache}), as Agora allows a project few list calls.
 */
@Injectable()
export class CloudPlayerApi {
  private readonly lists = new PlayerListCache<AgoraPlayer[]>();

  constructor(private readonly client: AgoraRestClient) {}

  /** Creates a player (`streamIp`: the stream origin's IPv4 address, if it matters); answers what Agora reported of it. */
  async create(project: AgoraProject, region: MediaRegion, player: PlayerSpec, streamIp?: string, requestId?: string): Promise<AgoraPlayer> {
    this.lists.forget(project.name);
    const { body } = await this.client.call<{ player?: unknown }>({
      project,
      api: 'media-pull.create',
      method: 'POST',
      path: `${players(project, region)}${streamIp === undefined ? '' : `?streamIp=${encodeURIComponent(streamIp)}`}`,
      body: { player },
      bodyHasSecrets: true,
      timeoutMs: TIMEOUTS_MS.create,
      retry: 'none',
      requestId,
    });
    const created = playerOf(body?.player);
    if (!created) throw AgoraUpstreamError.answer('media-pull.create', { status: 200, message: 'the answer carried no player id' });
    return created;
  }

  /** Changes a running player; `sequence` must exceed every earlier update's of this player. */
  async update(address: PlayerAddress, change: PlayerChange, sequence: number, requestId?: string): Promise<void> {
    this.lists.forget(address.project.name);
    await this.client.call({
      project: address.project,
      api: 'media-pull.update',
      method: 'PATCH',
      path: `${players(address.project, address.region)}/${encodeURIComponent(address.player)}?sequence=${sequence}`,
      body: { player: change },
      bodyHasSecrets: true,
      timeoutMs: TIMEOUTS_MS.update,
      retry: 'none',
      requestId,
    });
  }

  /** Deletes a player. */
  async delete(address: PlayerAddress, requestId?: string): Promise<void> {
    this.lists.forget(address.project.name);
    await this.client.call({
      project: address.project,
      api: 'media-pull.delete',
      method: 'DELETE',
      path: `${players(address.project, address.region)}/${encodeURIComponent(address.player)}`,
      bodyHasSecrets: true,
      timeoutMs: TIMEOUTS_MS.delete,
      retry: 'none',
      requestId,
    });
  }

  /**
   * The project's players (in `channel`, when given), every page of Agora's list: an answer up to LIST_CACHE_MS old,
   * or one call shared with concurrent lists alike; `fresh` asks Agora anew (and keeps its answer).
   */
  list(project: AgoraProject, channel: string | undefined, requestId?: string, fresh = false): Promise<AgoraPlayer[]> {
    return this.lists.get(project.name, channel, () => this.listPages(project, channel, requestId), fresh);
  }

  private async listPages(project: AgoraProject, channel: string | undefined, requestId?: string): Promise<AgoraPlayer[]> {
    const found: AgoraPlayer[] = [];
    let pageToken = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
      if (channel !== undefined) query.set('filter', `channelName eq ${channel}`);
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await this.client.call<{ players?: unknown; nextPageToken?: unknown } | undefined>({
        project,
        api: 'media-pull.list',
        method: 'GET',
        path: `/v1/projects/${project.appId}/cloud-player/players?${query.toString().replaceAll('+', '%20')}`,
        bodyHasSecrets: true,
        timeoutMs: TIMEOUTS_MS.list,
        retry: 'transient',
        requestId,
      });
      const items = Array.isArray(body?.players) ? body.players : [];
      for (const item of items) {
        const player = playerOf(item);
        if (player) found.push(player);
      }
      pageToken = typeof body?.nextPageToken === 'string' ? body.nextPageToken : '';
      if (pageToken === '' || items.length === 0) break;
    }
    return found;
  }
}

function players(project: AgoraProject, region: MediaRegion): string {
  return `/${region}/v1/projects/${project.appId}/cloud-player/players`;
}

/**
 * The fields of Agora's player this service reads, each only when it has the documented type (`streamUrl` is never
 * read: it may carry credentials); undefined without an id.
 */
function playerOf(value: unknown): AgoraPlayer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id === '') return undefined;
  const text = (field: string) => (typeof item[field] === 'string' ? { [field]: item[field] } : {});
  const whole = (field: string) => (Number.isSafeInteger(item[field]) && (item[field] as number) >= 0 ? { [field]: item[field] } : {});
  const status = (PLAYER_STATUSES as readonly unknown[]).includes(item.status) ? { status: item.status as PlayerStatus } : {};
  return { id: item.id, ...text('name'), ...text('channelName'), ...whole('uid'), ...text('account'), ...whole('createTs'), ...status };
}
