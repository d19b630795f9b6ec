import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './support/fake-agora-media-pull.js';
import { JwksServer } from './support/jwks-server.js';
import { respells } from './support/sealed-ids.js';
import { createTestApp } from './support/test-app.js';

const STREAM = 'https://media.example.com/live/show.flv';

/**
 * Who may play what into which channel (OWASP API1 and API5): the `media-pull` kind, channels, projects and roles of API
 * keys, end users only with JWT_SERVICES_CLAIM and as themselves, and every player usable by its owner alone (or a key
 * with `resources: any` within its channels): anyone else, and any altered id, gets a 404.
 */
describe('Media pull: who may create players, and whose players (e2e, fake Agora)', () => {
  let fake: FakeAgoraMediaPull;
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  const keys = {
    owner: newApiKey(), other: newApiKey(), rtcOnly: newApiKey(), teams: newApiKey(), elsewhere: newApiKey(),
    listener: newApiKey(), capped: newApiKey(), support: newApiKey(), teamSupport: newApiKey(),
  };

  beforeAll(async () => {
    fake = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...mediaPullEnv(fake),
      ...jwks.env('apikey,jwt'),
      JWT_SERVICES_CLAIM: 'services',
      JWT_CHANNELS_CLAIM: 'channels',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: keys.owner, kinds: ['media-pull'] },
        { id: 'other', key: keys.other, kinds: ['media-pull', 'rtc'] },
        { id: 'rtc-only', key: keys.rtcOnly, kinds: ['rtc'] },
        { id: 'teams', key: keys.teams, kinds: ['media-pull'], channels: ['team-*'] },
        { id: 'elsewhere', key: keys.elsewhere, kinds: ['media-pull'], projects: ['eu-*'] },
        { id: 'listener', key: keys.listener, kinds: ['media-pull'], roles: ['subscriber'] },
        { id: 'capped', key: keys.capped, kinds: ['media-pull'], maxExpireSeconds: 600 },
        { id: 'support', key: keys.support, kinds: ['media-pull'], resources: 'any' } as never,
        { id: 'team-support', key: keys.teamSupport, kinds: ['media-pull'], channels: ['team-*'], resources: 'any' } as never,
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
    await fake.close();
  });

  const as = (credential: string, jwt = false): Record<string, string> => (jwt ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential });
  const create = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { streamUrl: STREAM, ...payload } });
  const refusal = async (headers: Record<string, string>, payload: object) => {
    const answer = await create(headers, payload);
    return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
  };
  const lastToken = () => decodeToken((fake.requests('create').at(-1)!.body as { player: { token: string } }).player.token);

  it('lets API keys create players by their kinds, channels, projects and roles, and caps the token at maxExpireSeconds', async () => {
    const before = fake.requests('create').length;
    expect(await refusal(as(keys.rtcOnly), { channel: 'lobby' })).toEqual({ status: 403, rule: 'kinds' });
    expect(await refusal(as(keys.teams), { channel: 'lobby' })).toEqual({ status: 403, rule: 'channels' });
    expect(await refusal(as(keys.elsewhere), { channel: 'lobby' })).toEqual({ status: 403, rule: 'projects' });
    // A player publishes: a key limited to subscriber tokens cannot have one signed for it.
    expect(await refusal(as(keys.listener), { channel: 'lobby' })).toEqual({ status: 403, rule: 'roles' });
    expect(fake.requests('create').length).toBe(before);

    expect((await create(as(keys.teams), { channel: 'team-1' })).statusCode).toBe(201);
    expect((await create(as(keys.capped), { channel: 'capped-room', uid: 7 })).statusCode).toBe(201);
    expect(lastToken()).toEqual(expect.objectContaining({ expire: 600, rtc: expect.objectContaining({ uid: '7', privileges: { joinChannel: 600, publishAudio: 600, publishVideo: 600 } }) }));
  });

  it('lets end users create players only with the services claim, in their channels, as themselves', async () => {
    const plain = await jwks.sign({ sub: 'alice', channels: ['*'] });
    const puller = await jwks.sign({ sub: 'alice', channels: 'team-*', services: 'media-pull recording' });
    expect(await refusal(as(plain, true), { channel: 'team-1' })).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(as(puller, true), { channel: 'lobby' })).toEqual({ status: 403, rule: 'channels' });
    expect(await refusal(as(puller, true), { channel: 'team-1', account: 'bob' })).toEqual({ status: 403, rule: 'identity' });
    expect(await refusal(as(puller, true), { channel: 'team-1', uid: 42 })).toEqual({ status: 403, rule: 'identity' });

    const mine = await create(as(puller, true), { channel: 'team-2' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toEqual(expect.objectContaining({ account: 'alice', channel: 'team-2' }));
    expect(lastToken().rtc).toEqual(expect.objectContaining({ channel: 'team-2', uid: 'alice' }));

    // An end user whose identity is a number may play as that uid.
    const numeric = await jwks.sign({ sub: '4242', channels: '*', services: ['media-pull'] });
    expect((await create(as(numeric, true), { channel: 'team-3', uid: 4242 })).json()).toEqual(expect.objectContaining({ uid: 4242 }));
    expect(lastToken().rtc).toEqual(expect.objectContaining({ uid: '4242' }));

    const { id } = mine.json<{ id: string }>();
    const bob = await jwks.sign({ sub: 'bob', channels: '*', services: ['media-pull'] });
    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${id}`, headers: as(bob, true) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${id}`, headers: as(puller, true) })).statusCode).toBe(200);
  });

  it('gives every other caller the same 404 for a player, unless a key may reach any player of its channels', async () => {
    const owned = (await create(as(keys.owner), { channel: 'team-owned' })).json<{ id: string; playerId: string }>();
    const outside = (await create(as(keys.owner), { channel: 'outside' })).json<{ id: string; playerId: string }>();
    const notYours = { status: 404, detail: 'No player of yours has this id.' };
    for (const [method, payload] of [['GET'], ['PATCH', { volume: 5 }], ['DELETE']] as const) {
      const answer = await app.inject({ method, url: `/v1/media-pull/${owned.id}`, headers: as(keys.other), ...(payload ? { payload } : {}) });
      expect(answer.json()).toEqual(expect.objectContaining(notYours));
    }
    expect(fake.players.get(owned.playerId)!.updates).toEqual([]);
    // Any one character changed (other than a respelling of the same bytes, which is the same id) names no player.
    const altered = fc
      .tuple(fc.nat({ max: owned.id.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => owned.id.slice(0, at) + char + owned.id.slice(at + 1))
      .filter((changed) => changed !== owned.id && !respells(changed, owned.id));
    await fc.assert(
      fc.asyncProperty(altered, fc.constantFrom('GET', 'DELETE') as fc.Arbitrary<'GET' | 'DELETE'>, async (id, method) => {
        expect((await app.inject({ method, url: `/v1/media-pull/${id}`, headers: as(keys.owner) })).json()).toEqual(expect.objectContaining(notYours));
      }),
      { numRuns: 30 },
    );
    expect(fake.players.get(owned.playerId)!.deleted).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/v1/media-pull', headers: as(keys.other) })).json()).toEqual({ players: [] });

    // resources: any reaches other callers' players, within the key's channels only.
    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${owned.id}`, headers: as(keys.teamSupport) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/media-pull/${outside.id}`, headers: as(keys.teamSupport) })).statusCode).toBe(404);
    const supportList = (await app.inject({ method: 'GET', url: '/v1/media-pull', headers: as(keys.support) })).json<{ players: Array<{ id: string }> }>();
    expect(supportList.players.map(({ id }) => id)).toEqual(expect.arrayContaining([owned.id, outside.id]));
    expect((await app.inject({ method: 'DELETE', url: `/v1/media-pull/${outside.id}`, headers: as(keys.support) })).statusCode).toBe(204);
    expect(fake.players.get(outside.playerId)!.deleted).toBe(true);
  });
});
