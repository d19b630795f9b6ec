import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FakeAgora, FakeAnswer, RecordedRequest } from './support/fake-agora.js';
import type { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';

interface Player {
  id: string;
  playerId: string;
  name: string;
  channel: string;
}

/**
 * A create whose outcome is unknown (the connection broke after sending, Agora answered 504, which its documents
 * say means "check whether it was created", or a success without the player's id; a timeout goes the same way) must not leave a player running that nobody
 * can see or stop. The service sends the same create again (the player's name is its own and unique in the project,
 * so Agora starts it or refuses the name as taken), then looks for that name in Agora's list of the channel.
 */
describe('Media pull: a create whose outcome is unknown (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;
  let own: (request: RecordedRequest, agora: FakeAgora) => Promise<FakeAnswer>;

  beforeAll(async () => {
    pull = await startMediaPullApp();
    ({ fake, app, headers } = pull);
    own = fake.responder('create') as typeof own;
  });
  afterAll(() => pull.close());
  afterEach(() => {
    for (const operation of ['create', 'list'] as const) fake.on(operation, fake.responder(operation));
  });

  const create = (channel: string) => app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel, streamUrl: 'https://cdn.example.com/live.flv', uid: 4242 } });
  const namesSent = (channel: string) =>
    fake.requests('create').map((request) => (request.body as { player: { name: string; channelName: string } }).player).filter((player) => player.channelName === channel).map(({ name }) => name);
  /** Agora starts the player, then its answer is lost (`lost`) or replaced by a 504. */
  const startsThen = (lost: FakeAnswer) => async (request: RecordedRequest, agora: FakeAgora) => {
    await own(request, agora);
    return lost;
  };

  it.each<[string, string, FakeAnswer]>([
    ['the connection broke after Agora started it', 'broken-room', { destroy: true }],
    ['Agora answered 504 after starting it', 'late-room', { status: 504, body: { message: 'Gateway Timeout' } }],
    ['Agora started it but answered no player id', 'idless-room', { body: { fields: 'player.id' } }],
  ])('finds the player when %s: a 201 with its id, and the caller can see, list and stop it', async (_case, channel, lost) => {
    fake.on('create', startsThen(lost), fake.responder('create'));
    const created = await create(channel);
    expect(created.statusCode).toBe(201);
    const player = created.json<Player>();
    const [running] = fake.running(channel);
    expect(fake.running(channel)).toHaveLength(1);
    expect(player).toMatchObject({ channel, playerId: running.id, name: running.name });
    // Sent again with the same name, which Agora refused as taken: no second player.
    expect(namesSent(channel)).toEqual([running.name, running.name]);
    expect(fake.requests('list').at(-1)!.query.get('filter')).toBe(`channelName eq ${channel}`);

    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${player.id}`, headers })).json()).toMatchObject({ id: player.id, status: 'running' });
    const listed = (await app.inject({ method: 'GET', url: `/v1/media-pull?channel=${channel}`, headers })).json<{ players: Player[] }>().players;
    expect(listed.map(({ id }) => id)).toEqual([player.id]);
    expect((await app.inject({ method: 'DELETE', url: `/v1/media-pull/${player.id}`, headers })).statusCode).toBe(204);
    expect(fake.running(channel)).toHaveLength(0);
  });

  it('starts the player once when Agora answered 504 without starting it: the same create sent again does', async () => {
    fake.on('create', { status: 504, body: { message: 'Gateway Timeout' } }, fake.responder('create'));
    const created = await create('retried-room');
    expect(created.statusCode).toBe(201);
    expect(fake.running('retried-room').map(({ id }) => id)).toEqual([created.json<Player>().playerId]);
    const [name] = namesSent('retried-room');
    expect(namesSent('retried-room')).toEqual([name, name]);
  });

  it('answers a 504 naming the channel and the player when neither create is answered and the list lacks it', async () => {
    fake.on('create', { status: 504, body: { message: 'Gateway Timeout' } });
    const lists = fake.requests('list').length;
    const answer = await create('lost-room');
    expect(answer.statusCode).toBe(504);
    const [name] = namesSent('lost-room');
    expect(answer.json()).toEqual(
      expect.objectContaining({ status: 504, channel: 'lost-room', playerName: name, upstream: { status: 504 }, detail: expect.stringContaining('does not show it') }),
    );
    expect(answer.json().detail).toContain(`"${name}" in channel "lost-room"`);
    expect(fake.requests('list').length - lists).toBe(1);
    expect(fake.running('lost-room')).toHaveLength(0);
  });

  it('says Agora runs the player when the name is taken but Agora does not list it yet (it lags about 10 s)', async () => {
    fake.on('create', startsThen({ destroy: true }), fake.responder('create'));
    fake.on('list', { body: { totalSize: 0, players: [], nextPageToken: '' } });
    const answer = await create('young-room');
    expect(answer.statusCode).toBe(502);
    const [running] = fake.running('young-room');
    expect(answer.json()).toEqual(expect.objectContaining({ channel: 'young-room', playerName: running.name, detail: expect.stringContaining('Agora runs it') }));
  });

  it('says the player may run when the list cannot be read either', async () => {
    fake.on('create', { destroy: true });
    fake.on('list', { status: 500, body: { message: 'down' } });
    const answer = await create('dark-room');
    expect(answer.statusCode).toBe(502);
    expect(answer.json()).toEqual(expect.objectContaining({ channel: 'dark-room', detail: expect.stringContaining('could not be read') }));
  });
});
