import { randomBytes } from 'node:crypto';
import { FakeAgora, type FakeAnswer, type FakeCredentials, type FakeResponder, type RecordedRequest } from './fake-agora.js';

const PROJECT = '/v1/projects/(?<appId>[0-9A-Fa-f]{32})/cloud-player/players';
const REGIONAL = `^/(?<region>na|eu|ap|cn)${PROJECT}`;
/** Agora's cloud player paths, as the fake serves them (create, update and delete in a region; the list in none). */
export const PLAYER_PATHS = {
  create: new RegExp(`${REGIONAL}$`),
  update: new RegExp(`${REGIONAL}/(?<id>[^/]+)$`),
  delete: new RegExp(`${REGIONAL}/(?<id>[^/]+)$`),
  list: new RegExp(`^${PROJECT}$`),
} as const;
export type PlayerOperation = keyof typeof PLAYER_PATHS;
const METHODS: Record<PlayerOperation, string> = { create: 'POST', update: 'PATCH', delete: 'DELETE', list: 'GET' };

/** A player the fake runs, with every update it took. */
export interface FakePlayer {
  readonly appId: string;
  readonly region: string;
  readonly id: string;
  readonly name?: string;
  readonly channelName: string;
  readonly uid?: number;
  readonly account?: string;
  readonly token?: string;
  streamUrl: string;
  readonly createTs: number;
  readonly body: Record<string, unknown>;
  readonly updates: Array<{ sequence: number; player: Record<string, unknown> }>;
  deleted: boolean;
}

const CHANNEL = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,64}$/;
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const UPDATABLE = new Set(['streamUrl', 'audioOptions', 'isPause', 'seekPosition']);
const refused = (status: number, message: string): FakeAnswer => ({ status, body: { message } });
const NOT_FOUND = refused(404, 'Resource is not found and destroyed.');

/**
 * Agora's Cloud Player RESTful API (media pull) played on the generic FakeAgora, with its documented answers: a create
 * needs `streamUrl` (≤ 1024 bytes), `channelName` and a `uid` or `account` (else 400), a `name` unique in the project
 * (else 409 with `X-Resource-ID` naming the player that has it); an update needs `?sequence=` (400 without) greater
 * than the player's last (else 409: Agora documents no answer for a stale sequence; this is the one the service is
 * written for) and only updatable fields; a player is found only in the region it was created in (404 elsewhere, and
 * once deleted). The list (no region) filters by `channelName eq …` and pages by `pageSize`/`pageToken`. Answers echo
 * `X-Request-ID`. Specs script more (slow or failing hosts) with {@link on}, whose answers may end with the fake's own.
 */
export class FakeAgoraMediaPull {
  readonly players = new Map<string, FakePlayer>();
  /** Updates in flight per player, and the most ever seen at once (the service must send one at a time). */
  readonly inFlight = new Map<string, number>();
  maxInFlight = 0;
  /** How long an update takes (to let concurrent updates overlap if the service did not serialize them). */
  updateDelayMs = 0;
  /** Players listed per page unless the request asks fewer. */
  pageSize = 200;
  /** Whether the list gives only id, name and createTs per player, as Agora says it may. */
  reducedList = false;

  constructor(readonly agora: FakeAgora) {
    for (const operation of Object.keys(PLAYER_PATHS) as PlayerOperation[]) agora.on(METHODS[operation], PLAYER_PATHS[operation], this.responder(operation));
  }

  static async start(credentials: readonly FakeCredentials[]): Promise<FakeAgoraMediaPull> {
    return new FakeAgoraMediaPull(await FakeAgora.start(credentials));
  }

  get url(): string {
    return this.agora.url;
  }

  /** Scripts answers for one operation before the fake's own (which `this.responder(operation)` gives, to end with). */
  on(operation: PlayerOperation, ...answers: FakeResponder[]): this {
    this.agora.on(METHODS[operation], PLAYER_PATHS[operation], ...answers);
    return this;
  }

  /** The fake's own answer to an operation, with the request's X-Request-ID echoed. */
  responder(operation: PlayerOperation): FakeResponder {
    return async (request) => {
      const answer = await this.answer(operation, request);
      const requestId = request.headers['x-request-id'];
      return typeof requestId === 'string' ? { ...answer, headers: { 'x-request-id': requestId, ...answer.headers } } : answer;
    };
  }

  /** The requests of one operation, in order. */
  requests(operation: PlayerOperation): RecordedRequest[] {
    return this.agora.requestsTo(PLAYER_PATHS[operation]).filter((request) => request.method === METHODS[operation]);
  }

  /** The running players (not deleted) of a channel. */
  running(channelName?: string): FakePlayer[] {
    return [...this.players.values()].filter((player) => !player.deleted && (channelName === undefined || player.channelName === channelName));
  }

  close(): Promise<void> {
    return this.agora.close();
  }

  private answer(operation: PlayerOperation, request: RecordedRequest): FakeAnswer | Promise<FakeAnswer> {
    switch (operation) {
      case 'create':
        return this.create(request);
      case 'update':
        return this.update(request);
      case 'delete':
        return this.remove(request);
      case 'list':
        return this.list(request);
    }
  }

  private create({ params, body }: RecordedRequest): FakeAnswer {
    const player = (body as { player?: Record<string, unknown> } | undefined)?.player;
    if (typeof player !== 'object' || player === null) return refused(400, 'Invalid parameter: player');
    const { streamUrl, channelName, uid, account, name, token } = player;
    if (typeof streamUrl !== 'string' || streamUrl === '' || Buffer.byteLength(streamUrl) > 1024) return refused(400, 'Invalid parameter: streamUrl');
    if (typeof channelName !== 'string' || !CHANNEL.test(channelName)) return refused(400, 'Invalid parameter: channelName');
    const hasUid = Number.isSafeInteger(uid) && (uid as number) >= 0 && (uid as number) <= 2 ** 32 - 1;
    const hasAccount = typeof account === 'string' && account !== '' && Buffer.byteLength(account) <= 255;
    if (hasUid === hasAccount) return refused(400, 'Invalid parameter: uid or account');
    if (name !== undefined && (typeof name !== 'string' || !NAME.test(name))) return refused(400, 'Invalid parameter: name');
    const existing = name === undefined ? undefined : this.running().find((other) => other.appId === params.appId && other.name === name);
    if (existing) return { ...refused(409, 'Resource with the same name already exists.'), headers: { 'x-resource-id': existing.id } };
    const id = randomBytes(16).toString('hex');
    const created: FakePlayer = {
      appId: params.appId, region: params.region, id, name: name as string | undefined, channelName, streamUrl,
      ...(hasUid ? { uid: (uid as number) || 1 + (randomBytes(4).readUInt32BE() % (2 ** 32 - 1)) } : { account: account as string }),
      token: typeof token === 'string' ? token : undefined, createTs: Math.floor(Date.now() / 1000), body: player, updates: [], deleted: false,
    };
    this.players.set(id, created);
    const user = created.account === undefined ? { uid: created.uid } : { account: created.account };
    return { headers: { 'x-resource-id': id }, body: { player: { ...user, id, createTs: created.createTs, status: 'connecting' }, fields: 'player.uid,player.id,player.createTs,player.status' } };
  }

  private found(params: Record<string, string>): FakePlayer | undefined {
    const player = this.players.get(decodeURIComponent(params.id));
    return player && !player.deleted && player.appId === params.appId && player.region === params.region ? player : undefined;
  }

  private async update({ params, query, body }: RecordedRequest): Promise<FakeAnswer> {
    const sequence = query.get('sequence');
    if (sequence === null || !/^\d+$/.test(sequence)) return refused(400, 'Invalid parameter: sequence');
    const change = (body as { player?: Record<string, unknown> } | undefined)?.player;
    if (typeof change !== 'object' || change === null || Object.keys(change).some((key) => !UPDATABLE.has(key))) return refused(400, 'Invalid parameter: player');
    const player = this.found(params);
    if (!player) return NOT_FOUND;
    const count = (this.inFlight.get(player.id) ?? 0) + 1;
    this.inFlight.set(player.id, count);
    this.maxInFlight = Math.max(this.maxInFlight, count);
    try {
      if (this.updateDelayMs) await new Promise((resolve) => setTimeout(resolve, this.updateDelayMs));
      const last = player.updates.at(-1)?.sequence ?? -1;
      if (Number(sequence) <= last) return refused(409, `sequence ${sequence} is not greater than ${last}`);
      player.updates.push({ sequence: Number(sequence), player: change });
      if (typeof change.streamUrl === 'string') player.streamUrl = change.streamUrl;
      return { headers: { 'x-resource-id': player.id } };
    } finally {
      this.inFlight.set(player.id, this.inFlight.get(player.id)! - 1);
    }
  }

  private remove({ params }: RecordedRequest): FakeAnswer {
    const player = this.found(params);
    if (!player) return NOT_FOUND;
    player.deleted = true;
    return {};
  }

  private list({ params, query }: RecordedRequest): FakeAnswer {
    const filter = query.get('filter');
    const channel = filter === null ? undefined : /^channelName eq (.+)$/.exec(filter)?.[1];
    if (filter !== null && channel === undefined) return refused(400, 'Invalid parameter: filter');
    const size = Math.min(Number(query.get('pageSize') ?? this.pageSize), this.pageSize);
    const all = this.running(channel).filter((player) => player.appId === params.appId).sort((a, b) => a.createTs - b.createTs);
    const from = Number(query.get('pageToken') || 0);
    const page = all.slice(from, from + size);
    const next = from + size < all.length ? String(from + size) : '';
    const players = page.map((player) =>
      this.reducedList
        ? { id: player.id, name: player.name, createTs: player.createTs }
        : { name: player.name, streamUrl: player.streamUrl, channelName: player.channelName, ...(player.account === undefined ? { uid: player.uid } : { account: player.account }), id: player.id, createTs: player.createTs, status: 'running' },
    );
    return { body: { totalSize: all.length, players, fields: 'player.name,player.streamUrl,player.channelName,player.uid,player.id,player.createTs,player.status', nextPageToken: next } };
  }
}

/** The REST credentials the media pull specs run with: known only to them, never to be seen in a log or answer. */
export const MEDIA_PULL_SECRETS = { customerId: 'media-pull-spec-customer', customerSecret: 'cs-pull-0a1b2c3d4e5f60718293a4b5c6d7e8f9' } as const;

/** The app's environment for media pull through `fake`: the shortcut project's REST credentials. */
export function mediaPullEnv(fake: { url: string }): Record<string, string> {
  return {
    AGORA_CUSTOMER_ID: MEDIA_PULL_SECRETS.customerId,
    AGORA_CUSTOMER_SECRET: MEDIA_PULL_SECRETS.customerSecret,
    AGORA_API_BASE_URL: fake.url,
    AGORA_API_FALLBACK_URL: '',
    AGORA_API_RETRY_BASE_MS: '1',
  };
}
