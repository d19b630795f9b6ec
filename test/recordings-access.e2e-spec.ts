import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';

/**
 * Who may record what (OWASP API1 and API5): the `recording` kind, channels and projects of API keys, end users
 * only with JWT_SERVICES_CLAIM, and every recording usable by its owner alone: another caller, an altered id or an
 * id of another configuration is a 404, never a 500.
 */
describe('Cloud recording: who may record, and whose recordings (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  const keys = { owner: newApiKey(), other: newApiKey(), rtcOnly: newApiKey(), teams: newApiKey(), elsewhere: newApiKey(), capped: newApiKey(), support: newApiKey(), teamSupport: newApiKey() };

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...recordingEnv(fake),
      ...jwks.env('apikey,jwt'),
      JWT_SERVICES_CLAIM: 'services',
      JWT_CHANNELS_CLAIM: 'channels',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: keys.owner, kinds: ['recording'] },
        { id: 'other', key: keys.other, kinds: ['recording', 'rtc'] },
        { id: 'rtc-only', key: keys.rtcOnly, kinds: ['rtc'] },
        { id: 'teams', key: keys.teams, kinds: ['recording'], channels: ['team-*'] },
        { id: 'elsewhere', key: keys.elsewhere, kinds: ['recording'], projects: ['eu-*'] } as never,
        { id: 'capped', key: keys.capped, kinds: ['recording'], maxExpireSeconds: 600 },
        { id: 'support', key: keys.support, kinds: ['recording'], recordings: 'any' } as never,
        { id: 'team-support', key: keys.teamSupport, kinds: ['recording'], channels: ['team-*'], recordings: 'any' } as never,
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
  const start = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/v1/recordings', headers, payload });
  const refusal = async (headers: Record<string, string>, payload: object) => {
    const answer = await start(headers, payload);
    return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
  };

  it('lets API keys record by their kinds, channels and projects, and caps the bot token at a key’s maxExpireSeconds', async () => {
    expect(await refusal(as(keys.rtcOnly), { channel: 'lobby', mode: 'mix' })).toEqual({ status: 403, rule: 'kinds' });
    expect(await refusal(as(keys.teams), { channel: 'lobby', mode: 'mix' })).toEqual({ status: 403, rule: 'channels' });
    expect(await refusal(as(keys.elsewhere), { channel: 'lobby', mode: 'mix' })).toEqual({ status: 403, rule: 'projects' });
    const allowed = await start(as(keys.teams), { channel: 'team-1', mode: 'mix' });
    expect(allowed.statusCode).toBe(201);

    const capped = await start(as(keys.capped), { channel: 'capped-room', mode: 'mix' });
    expect(capped.statusCode).toBe(201);
    const body = fake.requests('start').at(-1)!.body as { clientRequest: { token: string } };
    expect(decodeToken(body.clientRequest.token)).toEqual(expect.objectContaining({ expire: 600 }));
  });

  it('gives end users nothing without the services claim, and with it their channels claim applies', async () => {
    const plain = await jwks.sign({ sub: 'alice', channels: ['*'] });
    const otherService = await jwks.sign({ sub: 'alice', channels: ['*'], services: 'stt' });
    const recorder = await jwks.sign({ sub: 'alice', channels: 'team-*', services: 'recording stt' });

    expect(await refusal(as(plain, true), { channel: 'team-1', mode: 'mix' })).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(as(otherService, true), { channel: 'team-1', mode: 'mix' })).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(as(recorder, true), { channel: 'lobby', mode: 'mix' })).toEqual({ status: 403, rule: 'channels' });
    const started = await start(as(recorder, true), { channel: 'team-2', mode: 'mix' });
    expect(started.statusCode).toBe(201);
    const { id } = started.json<{ id: string }>();
    // Another end user, or an API key, may not touch alice's recording; she may.
    const bob = await jwks.sign({ sub: 'bob', channels: '*', services: ['recording'] });
    expect((await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: as(bob, true) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: as(keys.owner) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: as(recorder, true) })).statusCode).toBe(200);
  });

  it('lets only the owner query, change and stop a recording: anyone else gets the 404 of an unknown id', async () => {
    const { id } = (await start(as(keys.owner), { channel: 'owned-room', mode: 'mix' })).json<{ id: string }>();
    const calls = [
      { method: 'GET', url: `/v1/recordings/${id}` },
      { method: 'PATCH', url: `/v1/recordings/${id}/subscriptions`, payload: { subscribeAudioUids: ['42'] } },
      { method: 'PATCH', url: `/v1/recordings/${id}/layout`, payload: { mixedVideoLayout: 1 } },
      { method: 'DELETE', url: `/v1/recordings/${id}` },
    ] as const;
    const before = fake.agora.requests.length;
    for (const request of calls) {
      const answer = await app.inject({ ...request, headers: as(keys.other) });
      const seen = { call: `${request.method} ${request.url}`, status: answer.statusCode, detail: answer.json<{ detail: string }>().detail };
      expect(seen).toEqual({ call: seen.call, status: 404, detail: 'No recording of yours has this id.' });
    }
    // Refused before Agora heard of it; the owner's calls reach it.
    expect(fake.agora.requests.length).toBe(before);
    for (const request of calls) expect((await app.inject({ ...request, headers: as(keys.owner) })).statusCode).toBe(200);
  });

  it('lets a key whose policy says recordings: any reach others’ recordings, within its channels', async () => {
    const owned = (await start(as(keys.owner), { channel: 'owned-too', mode: 'mix' })).json<{ id: string }>().id;
    const team = (await start(as(keys.owner), { channel: 'team-9', mode: 'mix' })).json<{ id: string }>().id;
    const get = (id: string, key: string) => app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers: as(key) });

    expect((await get(owned, keys.support)).statusCode).toBe(200);
    expect((await get(team, keys.teamSupport)).statusCode).toBe(200);
    // Outside its channels, the same 404 as any id that is not the caller's.
    expect((await get(owned, keys.teamSupport)).statusCode).toBe(404);
    const stop = await app.inject({ method: 'DELETE', url: `/v1/recordings/${team}`, headers: as(keys.support) });
    expect(stop.statusCode).toBe(200);
  });

  it('counts recording calls against the caller’s one rate-limit budget, with its token requests', async () => {
    const remaining = (answer: { headers: Record<string, unknown> }) => Number(answer.headers['x-ratelimit-remaining']);
    const token = await app.inject({ method: 'POST', url: '/v1/rtc/token', headers: as(keys.other), payload: { channel: 'budget-room', uid: 7 } });
    const started = await start(as(keys.other), { channel: 'budget-room', mode: 'mix' });
    const status = await app.inject({ method: 'GET', url: `/v1/recordings/${started.json<{ id: string }>().id}`, headers: as(keys.other) });

    expect([token.statusCode, started.statusCode, status.statusCode]).toEqual([200, 201, 200]);
    expect([remaining(started), remaining(status)]).toEqual([remaining(token) - 1, remaining(token) - 2]);
  });

  it('answers a 404 problem, never a 500, for any altered id or any string in its place', async () => {
    const { id } = (await start(as(keys.owner), { channel: 'tamper-room', mode: 'mix' })).json<{ id: string }>();
    const mutated = fc
      .tuple(fc.nat({ max: id.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => id.slice(0, at) + char + id.slice(at + 1))
      .filter((changed) => changed !== id);
    // '.' and '..' are path segments the router resolves (to the list), not ids.
    const anything = fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((text) => text !== '.' && text !== '..')
      .map((text) => encodeURIComponent(text));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anything), async (candidate) => {
        const answer = await app.inject({ method: 'GET', url: `/v1/recordings/${candidate}`, headers: as(keys.owner) });
        expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 404, type: expect.stringContaining('application/problem+json') });
      }),
      { numRuns: 60 },
    );
  });
});
