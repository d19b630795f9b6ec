import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import type { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

interface Player {
  id: string;
  project: string;
  channel: string;
  region: string;
  uid?: number;
  account?: string;
  playerId: string;
  name: string;
  status?: string;
  createdAt: string;
}

/** The cloud player's lifecycle through /v1/media-pull: create, get, update, list, delete, against the fake Agora. */
describe('Media pull: a player’s lifecycle (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    pull = await startMediaPullApp({ TOKEN_MAX_EXPIRE_SECONDS: '7200' });
    ({ fake, app, headers } = pull);
  });
  afterAll(() => pull.close());
  afterEach(() => {
    fake.updateDelayMs = 0;
    for (const operation of ['create', 'update', 'delete', 'list'] as const) fake.on(operation, fake.responder(operation));
  });

  const create = (payload: object) => app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload });
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('creates a player for a uid with a token for exactly that uid, reports, changes and deletes it', async () => {
    const created = await create({ channel: 'demo-room', streamUrl: 'https://media.example.com/live/show.flv', uid: 1001, idleTimeoutSeconds: 60 });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const player = created.json<Player>();
    expect(player).toEqual({
      id: expect.any(String), project: 'default', channel: 'demo-room', region: 'na', uid: 1001,
      playerId: expect.any(String), name: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), status: 'connecting', createdAt: expect.any(String),
    });

    const sent = fake.requests('create').at(-1)!;
    expect(sent.params).toEqual({ region: 'na', appId: TEST_APP_ID });
    const body = (sent.body as { player: Record<string, unknown> }).player;
    expect(body).toEqual(expect.objectContaining({ channelName: 'demo-room', uid: 1001, name: player.name, idleTimeout: 60, streamUrl: 'https://media.example.com/live/show.flv' }));
    expect(body).not.toHaveProperty('account');
    const token = decodeToken(body.token as string);
    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.expire).toBe(7200);
    expect(token.serviceCount).toBe(1);
    expect(token.rtc).toEqual({ channel: 'demo-room', uid: '1001', privileges: { joinChannel: 7200, publishAudio: 7200, publishVideo: 7200 } });

    const got = await call('GET', `/v1/media-pull/${player.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ ...player, status: 'running' });

    const changed = await call('PATCH', `/v1/media-pull/${player.id}`, { volume: 40, paused: true });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ ...player, status: undefined });
    expect(fake.players.get(player.playerId)!.updates).toEqual([{ sequence: expect.any(Number), player: { audioOptions: { volume: 40 }, isPause: true } }]);
    expect(fake.requests('update').at(-1)!.params).toEqual({ region: 'na', appId: TEST_APP_ID, id: player.playerId });

    const listed = await call('GET', '/v1/media-pull?channel=demo-room');
    expect(listed.json()).toEqual({ players: [{ ...player, status: 'running' }] });

    const deleted = await call('DELETE', `/v1/media-pull/${player.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(fake.players.get(player.playerId)!.deleted).toBe(true);
    expect((await call('GET', `/v1/media-pull/${player.id}`)).json()).toEqual(expect.objectContaining({ status: 404, detail: 'Agora no longer has this player: it has ended.' }));
    expect((await call('DELETE', `/v1/media-pull/${player.id}`)).statusCode).toBe(404);
    expect((await call('GET', '/v1/media-pull?channel=demo-room')).json()).toEqual({ players: [] });
  });

  it('plays as an account in the region asked for, and picks a uid of its own when none is named', async () => {
    const playTs = Math.floor(Date.now() / 1000) + 60;
    const options = { repeatTime: -1, seekPosition: 30, playTs, audioOptions: { profile: 2 }, videoOptions: { width: 640, height: 360, codec: 'VP9', fillMode: 'fill' } };
    const byAccount = (
      await create({ channel: 'eu-room', streamUrl: 'rtmp://media.example.com/live/a', account: 'intro-player', region: 'eu', streamOriginIp: '203.0.113.7', ...options })
    ).json<Player>();
    expect(byAccount).toEqual(expect.objectContaining({ account: 'intro-player', region: 'eu' }));
    expect(byAccount).not.toHaveProperty('uid');
    const sent = fake.requests('create').at(-1)!;
    expect(sent.params.region).toBe('eu');
    expect(sent.query.get('streamIp')).toBe('203.0.113.7');
    expect((sent.body as { player: object }).player).toEqual(expect.objectContaining({ account: 'intro-player', ...options }));
    expect(decodeToken((sent.body as { player: { token: string } }).player.token).rtc).toEqual(expect.objectContaining({ channel: 'eu-room', uid: 'intro-player' }));

    const anyUid = (await create({ channel: 'eu-room', streamUrl: 'http://media.example.com/a.mp4' })).json<Player>();
    expect(anyUid.uid).toBeGreaterThanOrEqual(1);
    const token = decodeToken((fake.requests('create').at(-1)!.body as { player: { token: string } }).player.token);
    expect(token.rtc!.uid).toBe(String(anyUid.uid));
    // Its updates and delete go to the region it was created in (sealed in its id).
    await call('PATCH', `/v1/media-pull/${byAccount.id}`, { seekPosition: 40 });
    expect(fake.requests('update').at(-1)!.params.region).toBe('eu');
    expect((await call('DELETE', `/v1/media-pull/${byAccount.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/v1/media-pull?region=eu')).json<{ players: Player[] }>().players).toEqual([]);
    expect((await call('GET', '/v1/media-pull?region=na')).json<{ players: Player[] }>().players.map(({ id }) => id)).toContain(anyUid.id);
  });

  it('sends each update of a player with a greater sequence, one at a time, even when they arrive together', async () => {
    const player = (await create({ channel: 'busy-room', streamUrl: 'https://media.example.com/live/busy.flv' })).json<Player>();
    fake.updateDelayMs = 25;
    fake.maxInFlight = 0;
    const answers = await Promise.all([10, 20, 30, 40, 50].map((volume) => call('PATCH', `/v1/media-pull/${player.id}`, { volume })));
    expect(answers.map(({ statusCode }) => statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(fake.maxInFlight).toBe(1);
    const sequences = fake.players.get(player.playerId)!.updates.map(({ sequence }) => sequence);
    expect(sequences).toHaveLength(5);
    for (let index = 1; index < sequences.length; index++) expect(sequences[index]).toBeGreaterThan(sequences[index - 1]);
    const sent = fake.requests('update').map(({ query }) => Number(query.get('sequence')));
    expect(sent.slice(-5)).toEqual(sequences);
  });

  it('answers Agora refusing an update’s sequence with a 409 to send again, and the player’s end with a 404', async () => {
    const player = (await create({ channel: 'conflict-room', streamUrl: 'https://media.example.com/live/c.flv' })).json<Player>();
    fake.on('update', { status: 409, body: { message: 'sequence is stale' } });
    const conflict = await call('PATCH', `/v1/media-pull/${player.id}`, { paused: false });
    expect(conflict.statusCode).toBe(409);
    // Agora's texts about a player may repeat its stream URL: only its status passes.
    expect(conflict.json()).toEqual(expect.objectContaining({ detail: expect.stringContaining('send it again'), upstream: { status: 409 } }));

    fake.on('update', fake.responder('update'));
    fake.players.get(player.playerId)!.deleted = true;
    expect((await call('PATCH', `/v1/media-pull/${player.id}`, { volume: 1 })).statusCode).toBe(404);
  });

  it('maps Agora’s refusals and a broken connection to upstream problems, sending a create again only by its name', async () => {
    fake.on('create', { status: 400, body: { message: 'Invalid parameter: streamUrl https://media.example.com/x' } });
    const refused = await create({ channel: 'r', streamUrl: 'https://media.example.com/x' });
    expect(refused.statusCode).toBe(502);
    // The create's body held the token and the stream URL: only Agora's status passes.
    expect(refused.json<{ upstream: unknown }>().upstream).toEqual({ status: 400 });

    // A broken connection leaves the create's outcome unknown: sent once more with the same name (a second player
    // cannot start), then looked for (test/media-pull-unknown-create.e2e-spec.ts).
    const before = fake.requests('create').length;
    fake.on('create', { destroy: true });
    const broken = await create({ channel: 'r', streamUrl: 'https://media.example.com/x' });
    expect(broken.statusCode).toBe(502);
    const sent = fake.requests('create').slice(before).map((request) => (request.body as { player: { name: string } }).player.name);
    expect(sent).toEqual([sent[0], sent[0]]);

    // Agora's 409 to a create: a player of the chosen name runs already (names are random: not one of ours).
    fake.on('create', { status: 409, body: { message: 'Resource with the same name already exists.' }, headers: { 'x-resource-id': 'a'.repeat(32) } });
    const taken = await create({ channel: 'r', streamUrl: 'https://media.example.com/x' });
    expect(taken.json()).toEqual(expect.objectContaining({ status: 409, detail: expect.stringContaining('send the request again'), upstream: { status: 409 } }));

    fake.on('create', fake.responder('create'));
    const player = (await create({ channel: 'flaky-room', streamUrl: 'https://media.example.com/x' })).json<Player>();
    // Agora's list failing on every attempt is a 502 with its status only (its texts may repeat a stream URL).
    fake.on('list', { status: 500, body: { message: 'down' } });
    expect((await call('GET', `/v1/media-pull/${player.id}`)).json()).toEqual(expect.objectContaining({ status: 502, upstream: { status: 500 } }));
    // A list is safe to repeat: Agora failing once, then answering, is a 200 (a failed list is not kept).
    fake.on('list', { status: 503, body: { message: 'busy' } }, fake.responder('list'));
    const got = await call('GET', `/v1/media-pull/${player.id}`);
    expect(got.statusCode).toBe(200);
  });

  it('counts each player’s token in agora_tokens_issued_total (kind media-pull-player), and none for a refused create', async () => {
    const issued = async () => {
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(/^agora_tokens_issued_total\{kind="media-pull-player",project="default"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };
    const before = await issued();
    await create({ channel: 'counted', streamUrl: 'https://media.example.com/c.flv' });
    await create({ channel: 'counted', streamUrl: 'https://media.example.com/c.flv', uid: 0 });
    expect((await issued()) - before).toBe(1);
  });

  it('reads every page of Agora’s list, and a player Agora lists only by id, name and creation time', async () => {
    fake.pageSize = 2;
    fake.reducedList = true;
    try {
      const made = [];
      for (let index = 0; index < 5; index++) made.push((await create({ channel: 'paged-room', streamUrl: 'https://media.example.com/p.flv' })).json<Player>());
      const listed = (await call('GET', '/v1/media-pull?channel=paged-room')).json<{ players: Player[] }>().players;
      expect(listed.map(({ id }) => id).sort()).toEqual(made.map(({ id }) => id).sort());
      expect(listed.every((player) => player.status === undefined)).toBe(true);
      expect(fake.requests('list').at(-1)!.query.get('filter')).toBe('channelName eq paged-room');
    } finally {
      fake.pageSize = 200;
      fake.reducedList = false;
    }
  });
});
