import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { JwksServer } from './support/jwks-server.js';
import { FakeAgoraStreamKeys, STREAM_KEY_SECRETS, startStreamKeysApp, type StreamKeysApp } from './support/fake-agora-stream-keys.js';
import { writeProjectsFile } from './support/test-projects.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const STREAM_KEYS = ['stream-keys'];

/**
 * Who may create stream keys, and whose keys a caller reaches (OWASP API1 and API5): the `stream-keys` kind, an API
 * key's channels, projects, roles (a key publishes) and maxExpireSeconds; end users only through JWT_SERVICES_CLAIM, for
 * their own identity; every key usable by its creator alone, or by an API key with `resources: any` within its channels.
 */
describe('Stream keys: who may create them, and whose keys (e2e, fake Agora)', () => {
  let keys: StreamKeysApp;
  let fake: FakeAgoraStreamKeys;
  let app: NestFastifyApplication;
  let jwks: JwksServer;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    const projects = writeProjectsFile([
      { name: 'video', appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE, ...STREAM_KEY_SECRETS },
      { name: 'chat-only', appId: 'b'.repeat(32), certificate: 'c'.repeat(32) },
    ]);
    keys = await startStreamKeysApp(
      { ...jwks.env('apikey,jwt'), JWT_SERVICES_CLAIM: 'services', JWT_CHANNELS_CLAIM: 'channels', APP_ID: undefined, APP_CERTIFICATE: undefined, AGORA_CUSTOMER_ID: undefined, AGORA_CUSTOMER_SECRET: undefined, AGORA_PROJECTS_FILE: projects },
      [
        { id: 'owner', kinds: STREAM_KEYS },
        { id: 'other', kinds: STREAM_KEYS },
        { id: 'rtc-only', kinds: ['rtc'] },
        { id: 'teams', kinds: STREAM_KEYS, channels: ['team-*'] },
        { id: 'elsewhere', kinds: STREAM_KEYS, projects: ['eu-*'] },
        { id: 'listener', kinds: STREAM_KEYS, roles: ['subscriber'] },
        { id: 'capped', kinds: STREAM_KEYS, maxExpireSeconds: 600 },
        { id: 'support', kinds: STREAM_KEYS, resources: 'any' },
        { id: 'team-support', kinds: STREAM_KEYS, channels: ['team-*'], resources: 'any' },
      ],
    );
    ({ fake, app } = keys);
  });
  afterAll(async () => {
    await keys?.close();
    await jwks.stop();
  });

  const bearer = async (claims: object) => ({ authorization: `Bearer ${await jwks.sign({ sub: 'alice', ...claims })}` });
  const create = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/v1/stream-keys', headers, payload });
  const outcome = async (headers: Record<string, string>, payload: object) => {
    const answer = await create(headers, payload);
    const { rule, errors } = answer.json<{ rule?: string; errors?: { field: string }[] }>();
    return { status: answer.statusCode, ...(rule ? { rule } : {}), ...(errors ? { fields: errors.map(({ field }) => field) } : {}) };
  };
  const key = { channel: 'team-1', uid: 42, expiresAfterSeconds: 600 };

  it('lets API keys create by their kinds, channels, projects and roles, for a uid or account they name', async () => {
    const before = fake.requests('create').length;
    expect(await outcome(keys.as['rtc-only'], key)).toEqual({ status: 403, rule: 'kinds' });
    expect(await outcome(keys.as.teams, { ...key, channel: 'lobby' })).toEqual({ status: 403, rule: 'channels' });
    expect(await outcome(keys.as.elsewhere, key)).toEqual({ status: 403, rule: 'projects' });
    expect(await outcome(keys.as.listener, key)).toEqual({ status: 403, rule: 'roles' });
    expect(await outcome(keys.as.owner, { channel: 'team-1', expiresAfterSeconds: 60 })).toEqual({ status: 400, fields: ['uid'] });
    expect(await outcome(keys.as.owner, { ...key, project: 'nowhere' })).toEqual({ status: 400, fields: ['project'] });
    const noRest = await create(keys.as.owner, { ...key, project: 'chat-only' });
    expect(noRest.json()).toEqual(expect.objectContaining({ status: 404, detail: expect.stringContaining('chat-only') }));
    // Refused before Agora heard of them.
    expect(fake.requests('create').length).toBe(before);
    expect(await outcome(keys.as.teams, { ...key, uid: 43 })).toEqual({ status: 201 });
  });

  it('keeps never-expiring keys to API keys without maxExpireSeconds, and caps the others', async () => {
    expect(await outcome(keys.as.capped, { ...key, uid: 50, expiresAfterSeconds: 0 })).toEqual({ status: 403, rule: 'maxExpireSeconds' });
    expect(await outcome(keys.as.capped, { ...key, uid: 50, expiresAfterSeconds: 601 })).toEqual({ status: 403, rule: 'maxExpireSeconds' });
    expect(await outcome(keys.as.capped, { ...key, uid: 50, expiresAfterSeconds: 600 })).toEqual({ status: 201 });
    expect(await outcome(keys.as.owner, { ...key, uid: 51, expiresAfterSeconds: 0 })).toEqual({ status: 201 });

    const endUser = await bearer({ services: 'stream-keys', channels: '*' });
    expect(await outcome(endUser, { channel: 'own', expiresAfterSeconds: 0 })).toEqual({ status: 403, rule: 'maxExpireSeconds' });
    expect(await outcome(endUser, { channel: 'own', expiresAfterSeconds: 86_401 })).toEqual({ status: 403, rule: 'maxExpireSeconds' });
    expect(await outcome(endUser, { channel: 'own', expiresAfterSeconds: 86_400 })).toEqual({ status: 201 });
  });

  it('gives end users keys only with the services claim, in their channels, publishing as themselves', async () => {
    expect(await outcome(await bearer({ channels: '*' }), { channel: 'team-1', expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'services' });
    const alice = await bearer({ services: 'stream-keys recording', channels: 'team-*' });
    expect(await outcome(alice, { channel: 'lobby', expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'channels' });
    expect(await outcome(alice, { channel: 'team-1', account: 'bob', expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'identity' });
    expect(await outcome(alice, { channel: 'team-1', uid: 42, expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'identity' });

    const created = await create(alice, { channel: 'team-alice', expiresAfterSeconds: 60 });
    expect(created.json()).toEqual(expect.objectContaining({ account: 'alice', channel: 'team-alice' }));
    expect(fake.requests('create').at(-1)!.body).toEqual({ settings: { channel: 'team-alice', uid: 'alice', expiresAfter: 60 } });
    const slashed = await bearer({ sub: 'tenant/alice', services: ['stream-keys'], channels: '*' });
    const creates = fake.requests('create').length;
    expect(await outcome(slashed, { channel: 'team-1', expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'identity' });
    expect(fake.requests('create').length).toBe(creates);
    const numeric = await bearer({ sub: '4242', services: ['stream-keys'], channels: '*' });
    expect((await create(numeric, { channel: 'team-num', uid: 4242, expiresAfterSeconds: 60 })).json()).toEqual(expect.objectContaining({ uid: 4242 }));
  });

  it('never gives an end user whose identity is digits a key Agora reads as another uid ("00042" is not uid 42)', async () => {
    const creates = fake.requests('create').length;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.stringMatching(/^0\d{0,5}$/), fc.bigInt({ min: 4_294_967_296n, max: 10n ** 12n }).map(String)), async (identity) => {
        const user = await bearer({ sub: identity, services: ['stream-keys'], channels: '*' });
        expect(await outcome(user, { channel: 'team-digits', expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'identity' });
        const uid = Number(identity);
        if (uid >= 1 && uid <= 4_294_967_295) {
          expect(await outcome(user, { channel: 'team-digits', uid, expiresAfterSeconds: 60 })).toEqual({ status: 403, rule: 'identity' });
        }
      }),
      { numRuns: 15 },
    );
    // Agora heard none of them; a canonical uid's own decimal is that uid, sent as Agora writes it.
    expect(fake.requests('create').length).toBe(creates);
    const own = await bearer({ sub: '42', services: ['stream-keys'], channels: '*' });
    expect(await outcome(own, { channel: 'team-digits', expiresAfterSeconds: 60 })).toEqual({ status: 201 });
    expect(fake.requests('create').at(-1)!.body).toEqual({ settings: { channel: 'team-digits', uid: '42', expiresAfter: 60 } });
  });

  it('lets only the creator get, delete and list a key: anyone else gets the 404 of an unknown id, and Agora hears nothing', async () => {
    const { id } = (await create(keys.as.owner, { channel: 'owned', uid: 60, expiresAfterSeconds: 600 })).json<{ id: string }>();
    const bob = await bearer({ sub: 'bob', services: 'stream-keys', channels: '*' });
    const before = fake.agora.requests.length;
    for (const headers of [keys.as.other, bob]) {
      for (const method of ['GET', 'DELETE'] as const) {
        const answer = await app.inject({ method, url: `/v1/stream-keys/${id}`, headers });
        expect({ method, status: answer.statusCode, detail: answer.json<{ detail: string }>().detail }).toEqual({ method, status: 404, detail: 'No stream key of yours has this id.' });
      }
      const listed = await app.inject({ method: 'GET', url: '/v1/stream-keys?channel=owned', headers });
      expect(listed.json()).toEqual({ streamKeys: [] });
    }
    expect(fake.agora.requests.length).toBe(before);
    const mine = await app.inject({ method: 'GET', url: '/v1/stream-keys?channel=owned', headers: keys.as.owner });
    expect(mine.json<{ streamKeys: { id: string }[] }>().streamKeys.map((entry) => entry.id)).toEqual([id]);
    expect((await app.inject({ method: 'DELETE', url: `/v1/stream-keys/${id}`, headers: keys.as.owner })).statusCode).toBe(200);
  });

  it('lets a key whose policy says resources: any reach others’ keys, within its channels', async () => {
    const lobby = (await create(keys.as.owner, { channel: 'lobby-any', uid: 70, expiresAfterSeconds: 600 })).json<{ id: string }>().id;
    const team = (await create(keys.as.owner, { channel: 'team-any', uid: 71, expiresAfterSeconds: 600 })).json<{ id: string }>().id;
    const get = (id: string, who: string) => app.inject({ method: 'GET', url: `/v1/stream-keys/${id}`, headers: keys.as[who] });
    const listed = async (who: string) =>
      (await app.inject({ method: 'GET', url: '/v1/stream-keys', headers: keys.as[who] })).json<{ streamKeys: { id: string }[] }>().streamKeys.map(({ id }) => id);

    expect((await get(lobby, 'support')).statusCode).toBe(200);
    expect((await get(team, 'team-support')).statusCode).toBe(200);
    expect((await get(lobby, 'team-support')).statusCode).toBe(404);
    expect(await listed('support')).toEqual(expect.arrayContaining([lobby, team]));
    expect(await listed('team-support')).toContain(team);
    expect(await listed('team-support')).not.toContain(lobby);
    expect((await app.inject({ method: 'DELETE', url: `/v1/stream-keys/${team}`, headers: keys.as.support })).statusCode).toBe(200);
  });
});
