import fc from 'fast-check';
import { JwksServer } from './support/jwks-server.js';
import { respells } from './support/sealed-ids.js';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';

const RAW = (channel: string) => ({ channel, rtcStreamUid: 7, rtmpUrl: 'rtmp://live.example.com/app/access-key' });

/**
 * Who may push what (OWASP API1 and API5): the `media-push` kind, channels and projects of API keys, end users only
 * with JWT_SERVICES_CLAIM, and every converter usable by its owner alone (or a key with `resources: any`, within its
 * channels): anyone else, an altered id, or any string in its place is a 404, never a 500.
 */
describe('Media push: who may push, and whose converters (e2e, fake Agora)', () => {
  let push: MediaPushApp;
  let jwks: JwksServer;
  const as = (id: string) => push.headers[id];
  const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
  const create = (headers: Record<string, string>, payload: object) => push.app.inject({ method: 'POST', url: '/v1/media-push', headers, payload });
  const refusal = async (headers: Record<string, string>, payload: object) => {
    const answer = await create(headers, payload);
    return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
  };
  const listed = async (headers: Record<string, string>, query = '') =>
    (await push.app.inject({ method: 'GET', url: `/v1/media-push${query}`, headers })).json<{ converters: { id: string }[] }>().converters.map(({ id }) => id);

  beforeAll(async () => {
    jwks = await JwksServer.start();
    push = await startMediaPushApp({ ...jwks.env('apikey,jwt'), JWT_SERVICES_CLAIM: 'services', JWT_CHANNELS_CLAIM: 'channels' }, [
      { id: 'other', kinds: ['media-push', 'rtc'] },
      { id: 'rtc-only', kinds: ['rtc', 'media-pull'] },
      { id: 'teams', kinds: ['media-push'], channels: ['team-*'] },
      { id: 'elsewhere', kinds: ['media-push'], projects: ['eu-*'] },
      { id: 'support', kinds: ['media-push'], resources: 'any' } as never,
      { id: 'team-support', kinds: ['media-push'], channels: ['team-*'], resources: 'any' } as never,
      { id: 'recordings-any', kinds: ['media-push'], recordings: 'any' } as never,
    ]);
  });
  afterAll(async () => {
    await push.close();
    await jwks.stop();
  });

  it('lets API keys push by their kinds, channels and projects, and lists only within them', async () => {
    expect(await refusal(as('rtc-only'), RAW('lobby'))).toEqual({ status: 403, rule: 'kinds' });
    expect(await refusal(as('teams'), RAW('lobby'))).toEqual({ status: 403, rule: 'channels' });
    expect(await refusal(as('elsewhere'), RAW('lobby'))).toEqual({ status: 403, rule: 'projects' });
    expect((await create(as('teams'), RAW('team-1'))).statusCode).toBe(201);
    expect((await push.app.inject({ method: 'GET', url: '/v1/media-push?channel=lobby', headers: as('teams') })).json().rule).toBe('channels');
    expect((await push.app.inject({ method: 'GET', url: '/v1/media-push', headers: as('rtc-only') })).json().rule).toBe('kinds');
    expect((await push.app.inject({ method: 'GET', url: '/v1/media-push', headers: as('elsewhere') })).json().rule).toBe('projects');
    const unknown = await push.app.inject({ method: 'GET', url: '/v1/media-push?project=nowhere', headers: as('pusher') });
    expect([unknown.statusCode, unknown.json().errors]).toEqual([400, [{ field: 'project', message: 'project names no configured project' }]]);
  });

  it('gives end users nothing without the services claim, and with it their channels claim applies', async () => {
    const plain = await jwks.sign({ sub: 'alice', channels: ['*'] });
    const otherService = await jwks.sign({ sub: 'alice', channels: ['*'], services: 'recording media-pull' });
    const pusher = await jwks.sign({ sub: 'alice', channels: 'team-*', services: 'media-push' });

    expect(await refusal(bearer(plain), RAW('team-1'))).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(bearer(otherService), RAW('team-1'))).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(bearer(pusher), RAW('lobby'))).toEqual({ status: 403, rule: 'channels' });
    const created = await create(bearer(pusher), RAW('team-2'));
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const bob = await jwks.sign({ sub: 'bob', channels: '*', services: ['media-push'] });
    expect((await push.app.inject({ method: 'GET', url: `/v1/media-push/${id}`, headers: bearer(bob) })).statusCode).toBe(404);
    expect((await push.app.inject({ method: 'GET', url: `/v1/media-push/${id}`, headers: bearer(pusher) })).statusCode).toBe(200);
    expect(await listed(bearer(pusher))).toEqual([id]);
    expect(await listed(bearer(bob))).toEqual([]);
  });

  it('lets only the owner read, change and delete a converter: anyone else gets the 404 of an unknown id, before Agora hears of it', async () => {
    const { id } = (await create(as('pusher'), RAW('owned-room'))).json<{ id: string }>();
    const calls = [
      { method: 'GET', url: `/v1/media-push/${id}` },
      { method: 'PATCH', url: `/v1/media-push/${id}`, payload: { rtmpUrl: 'rtmp://live.example.com/app/stolen' } },
      { method: 'DELETE', url: `/v1/media-push/${id}` },
    ] as const;
    // Lists may ask Agora what runs; the calls on the converter itself must never reach it.
    const onConverter = () => push.fake.agora.requests.filter((request) => request.path.includes('/rtmp-converters/')).length;
    const before = onConverter();
    for (const caller of ['other', 'recordings-any', 'team-support']) {
      for (const request of calls) {
        const answer = await push.app.inject({ ...request, headers: as(caller) });
        expect({ caller, status: answer.statusCode, detail: answer.json().detail }).toEqual({ caller, status: 404, detail: 'No converter of yours has this id.' });
      }
      expect(await listed(as(caller))).not.toContain(id);
    }
    expect(onConverter()).toBe(before);
    expect((await push.app.inject({ ...calls[0], headers: as('pusher') })).statusCode).toBe(200);
    expect((await push.app.inject({ ...calls[1], headers: as('pusher') })).statusCode).toBe(200);
    expect((await push.app.inject({ ...calls[2], headers: as('pusher') })).statusCode).toBe(204);
  });

  it('lets a key whose policy says resources: any reach others’ converters and list them, within its channels', async () => {
    const owned = (await create(as('pusher'), RAW('owned-too'))).json<{ id: string }>().id;
    const team = (await create(as('pusher'), RAW('team-9'))).json<{ id: string }>().id;
    const get = (id: string, caller: string) => push.app.inject({ method: 'GET', url: `/v1/media-push/${id}`, headers: as(caller) });

    expect((await get(owned, 'support')).statusCode).toBe(200);
    expect((await get(team, 'team-support')).statusCode).toBe(200);
    expect((await get(owned, 'team-support')).statusCode).toBe(404);
    expect(await listed(as('support'))).toEqual(expect.arrayContaining([owned, team]));
    const teamList = await listed(as('team-support'));
    expect(teamList).toContain(team);
    expect(teamList).not.toContain(owned);
    const deleted = await push.app.inject({ method: 'DELETE', url: `/v1/media-push/${team}`, headers: as('support') });
    expect(deleted.statusCode).toBe(204);
  });

  it('answers a 404 problem, never a 500, for any altered id or any string in its place', async () => {
    const { id } = (await create(as('pusher'), RAW('tamper-room'))).json<{ id: string }>();
    const mutated = fc
      .tuple(fc.nat({ max: id.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => id.slice(0, at) + char + id.slice(at + 1))
      .filter((changed) => changed !== id && !respells(changed, id));
    // '.' and '..' are path segments the router resolves (to the list), not ids.
    const anything = fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((text) => text !== '.' && text !== '..')
      .map((text) => encodeURIComponent(text));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anything), fc.constantFrom('GET', 'DELETE'), async (candidate, method) => {
        const answer = await push.app.inject({ method, url: `/v1/media-push/${candidate}`, headers: as('pusher') });
        expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 404, type: expect.stringContaining('application/problem+json') });
      }),
      { numRuns: 60 },
    );
  });
});
