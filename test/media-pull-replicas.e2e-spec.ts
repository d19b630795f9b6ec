import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './support/fake-agora-media-pull.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';

/**
 * Lists across replicas: who created which player is kept in the shared Redis, so a player created through one replica
 * is listed, to its owner only, through another, and a delete through either ends it for both. The player's id alone
 * serves get, update and delete anywhere.
 */
describe('Media pull across two replicas sharing a real Redis (e2e, fake Agora)', () => {
  let fake: FakeAgoraMediaPull;
  let cluster: RedisReplicas;
  const owner = newApiKey();
  const stranger = newApiKey();
  const support = newApiKey();

  beforeAll(async () => {
    fake = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
    cluster = await startRedisReplicas({
      ...mediaPullEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: owner, kinds: ['media-pull'] },
        { id: 'stranger', key: stranger, kinds: ['media-pull'] },
        { id: 'support', key: support, kinds: ['media-pull'], resources: 'any' } as never,
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await cluster.close();
    await fake.close();
  });

  const list = async (replica: number, key: string, query = '') =>
    (await cluster.replicas[replica].inject({ method: 'GET', url: `/v1/media-pull${query}`, headers: { 'x-api-key': key } })).json<{ players: Array<{ id: string }> }>().players.map(({ id }) => id);

  it('lists a player created on one replica on the other, to its owner and a resources: any key only', async () => {
    const [first, second] = cluster.replicas;
    const created = await first.inject({ method: 'POST', url: '/v1/media-pull', headers: { 'x-api-key': owner }, payload: { channel: 'shared-room', streamUrl: 'https://media.example.com/s.flv' } });
    expect(created.statusCode).toBe(201);
    const { id, playerId } = created.json<{ id: string; playerId: string }>();

    expect(await list(1, owner)).toEqual([id]);
    expect(await list(1, owner, '?channel=shared-room')).toEqual([id]);
    expect(await list(1, owner, '?channel=other-room')).toEqual([]);
    expect(await list(1, stranger)).toEqual([]);
    expect(await list(1, support)).toEqual([id]);
    const changed = await second.inject({ method: 'PATCH', url: `/v1/media-pull/${id}`, headers: { 'x-api-key': owner }, payload: { volume: 70 } });
    expect(changed.statusCode).toBe(200);

    expect((await second.inject({ method: 'DELETE', url: `/v1/media-pull/${id}`, headers: { 'x-api-key': owner } })).statusCode).toBe(204);
    expect(fake.players.get(playerId)!.deleted).toBe(true);
    expect(await list(0, owner)).toEqual([]);
    expect(await cluster.client.hlen('agora-token-service:owned:media-pull/default')).toBe(0);
  });

  it('creates, changes and deletes players while Redis does not answer, and answers the list 503 with Retry-After', async () => {
    const [first] = cluster.replicas;
    const headers = { 'x-api-key': owner };
    cluster.redis.pause();
    try {
      const created = await first.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'outage', streamUrl: 'https://media.example.com/o.flv' } });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      const listed = await first.inject({ method: 'GET', url: '/v1/media-pull?channel=outage', headers });
      expect({ status: listed.statusCode, retryAfter: listed.headers['retry-after'] }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect((await first.inject({ method: 'PATCH', url: `/v1/media-pull/${id}`, headers, payload: { paused: true } })).statusCode).toBe(200);
      expect((await first.inject({ method: 'DELETE', url: `/v1/media-pull/${id}`, headers })).statusCode).toBe(204);
    } finally {
      cluster.redis.resume();
    }
  });
});
