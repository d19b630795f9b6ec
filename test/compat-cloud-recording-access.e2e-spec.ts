import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';

interface Named {
  cname: string;
  uid: string;
  resourceId: string;
  sid: string;
}

/**
 * Who may use the fork's recording routes, and whose recordings (OWASP API1 and API5): the fork let anyone who
 * could reach it start, query and stop any recording by Agora's ids. Here its routes have /v1's caller security:
 * the `recording` kind, channels and end users' services claim, and a resourceId that only its owner can use
 * (404 for anyone else, and for any altered or invented one, never a 5xx), with the values echoed beside it checked.
 */
describe('The Go fork’s /cloud_recording routes: who may record, and whose recordings (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  const keys = { owner: newApiKey(), other: newApiKey(), rtcOnly: newApiKey(), teams: newApiKey(), elsewhere: newApiKey() };
  const as = (key: string) => ({ 'x-api-key': key });

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...recordingEnv(fake),
      ...jwks.env('apikey,jwt'),
      JWT_SERVICES_CLAIM: 'services',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'owner', key: keys.owner, kinds: ['recording'] },
        { id: 'other', key: keys.other, kinds: ['recording', 'rtc'] },
        { id: 'rtc-only', key: keys.rtcOnly, kinds: ['rtc'] },
        { id: 'teams', key: keys.teams, kinds: ['recording'], channels: ['team-*'] },
        { id: 'elsewhere', key: keys.elsewhere, kinds: ['recording'], projects: ['eu-*'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
    await fake.close();
  });

  const post = (headers: Record<string, string>, url: string, payload: object) => app.inject({ method: 'POST', url: `/cloud_recording/${url}`, headers, payload });
  const start = async (channelName: string): Promise<Named> => (await post(as(keys.owner), 'start', { channelName })).json<Named>();
  /** Every call naming a recording, as the fork's clients make them. */
  const calls = (named: Named) => {
    const ids = { cname: named.cname, uid: named.uid, resourceId: named.resourceId, sid: named.sid };
    return [
      { method: 'GET', url: `/cloud_recording/status?${new URLSearchParams({ resourceId: named.resourceId, sid: named.sid, mode: 'mix' }).toString()}` },
      { method: 'POST', url: '/cloud_recording/update/subscriber-list', payload: { ...ids, recordingConfig: { streamSubscribe: { audioUidList: { subscribeAudioUids: ['42'] } } } } },
      { method: 'POST', url: '/cloud_recording/update/layout', payload: { ...ids, recordingConfig: { mixedVideoLayout: 1 } } },
      { method: 'POST', url: '/cloud_recording/stop', payload: { ...ids, recordingMode: 'mix' } },
    ] as const;
  };

  it('lets only the owner query, change and stop a recording: another key gets a 404 and Agora hears nothing', async () => {
    const named = await start('owned-room');
    const before = fake.agora.requests.length;

    for (const call of calls(named)) {
      const answer = await app.inject({ ...call, headers: as(keys.other) });
      expect({ call: call.url, status: answer.statusCode, detail: answer.json<{ detail: string }>().detail }).toEqual({ call: call.url, status: 404, detail: 'No recording of yours has this id.' });
    }
    expect(fake.agora.requests.length).toBe(before);
    for (const call of calls(named)) expect({ call: call.url, status: (await app.inject({ ...call, headers: as(keys.owner) })).statusCode }).toEqual({ call: call.url, status: 200 });
  });

  it('refuses values echoed beside the resourceId that are not the recording’s with a 400 naming each, before calling Agora', async () => {
    const named = await start('echo-room');
    const other = await start('other-room');
    const before = fake.agora.requests.length;
    const ids = { cname: named.cname, uid: named.uid, resourceId: named.resourceId, sid: named.sid };
    const fields = (answer: { json: () => unknown }) => (answer.json() as { errors?: Array<{ field: string }> }).errors?.map(({ field }) => field);

    const wrongSid = await post(as(keys.owner), 'stop', { ...ids, sid: other.sid });
    expect({ status: wrongSid.statusCode, fields: fields(wrongSid) }).toEqual({ status: 400, fields: ['sid'] });
    const mixedUp = await post(as(keys.owner), 'update/layout', { ...ids, cname: other.cname, uid: other.uid, recordingId: other.sid, recordingMode: 'individual', recordingConfig: { mixedVideoLayout: 1 } });
    expect(fields(mixedUp)).toEqual(['recordingId', 'cname', 'uid', 'recordingMode']);
    const query = new URLSearchParams({ resourceId: named.resourceId, sid: other.sid, mode: 'web' }).toString();
    expect(fields(await app.inject({ method: 'GET', url: `/cloud_recording/status?${query}`, headers: as(keys.owner) }))).toEqual(['sid', 'mode']);
    expect(fake.agora.requests.length).toBe(before);
  });

  it('answers a 404 problem, never a 5xx, for any altered resourceId or any string in its place', async () => {
    const named = await start('tamper-room');
    const { resourceId } = named;
    const mutated = fc
      .tuple(fc.nat({ max: resourceId.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => resourceId.slice(0, at) + char + resourceId.slice(at + 1))
      .filter((changed) => changed !== resourceId);
    const anything = fc.string({ minLength: 1, maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anything), fc.boolean(), async (candidate, viaStatus) => {
        const answer = viaStatus
          ? await app.inject({ method: 'GET', url: `/cloud_recording/status?${new URLSearchParams({ resourceId: candidate }).toString()}`, headers: as(keys.owner) })
          : await post(as(keys.owner), 'stop', { ...named, resourceId: candidate });
        expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 404, type: expect.stringContaining('application/problem+json') });
      }),
      { numRuns: 60 },
    );
    expect((await post(as(keys.owner), 'stop', named)).statusCode).toBe(200);
  });

  it('applies /v1’s recording policy: the kind, the channels, the projects, and end users only with the services claim', async () => {
    const refusal = async (headers: Record<string, string>, channelName: string) => {
      const answer = await post(headers, 'start', { channelName });
      return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
    };
    const bearer = async (claims: Record<string, unknown>) => ({ authorization: `Bearer ${await jwks.sign(claims)}` });

    expect(await refusal(as(keys.rtcOnly), 'lobby')).toEqual({ status: 403, rule: 'kinds' });
    expect(await refusal(as(keys.teams), 'lobby')).toEqual({ status: 403, rule: 'channels' });
    // The fork's routes record with the default project, which this key may not use.
    expect(await refusal(as(keys.elsewhere), 'lobby')).toEqual({ status: 403, rule: 'projects' });
    expect(await refusal(await bearer({ sub: 'alice' }), 'lobby')).toEqual({ status: 403, rule: 'services' });
    expect(await refusal({}, 'lobby')).toEqual({ status: 401, rule: undefined });
    const named = (await post(as(keys.teams), 'start', { channelName: 'team-7' })).json<Named>();
    expect(named.cname).toBe('team-7');
    // A key that may not record may not stop a recording either, whoever's it is.
    expect((await post(as(keys.rtcOnly), 'stop', named)).json()).toEqual(expect.objectContaining({ status: 403, rule: 'kinds' }));
    const recorder = await bearer({ sub: 'alice', services: 'recording' });
    expect((await post(recorder, 'start', { channelName: 'alice-room' })).statusCode).toBe(200);
    await post(as(keys.teams), 'stop', named);
  });

  it('is gone with the other legacy routes under LEGACY_ROUTES=false, while /v1/recordings records', async () => {
    const modern = await createTestApp({ ...recordingEnv(fake), AUTH_MODE: 'none', LEGACY_ROUTES: 'false' });
    try {
      const fork = await modern.inject({ method: 'POST', url: '/cloud_recording/start', payload: { channelName: 'test_channel' } });
      const v1 = await modern.inject({ method: 'POST', url: '/v1/recordings', payload: { channel: 'test_channel', mode: 'mix' } });
      expect({ fork: fork.statusCode, v1: v1.statusCode }).toEqual({ fork: 404, v1: 201 });
      // No such route (not recording being off).
      expect(fork.json<{ detail: string }>().detail).toBe('Cannot POST /cloud_recording/start');
      await modern.inject({ method: 'DELETE', url: `/v1/recordings/${v1.json<{ id: string }>().id}` });
    } finally {
      await modern.close();
    }
  });

  it('is off, with a 404, when no project has REST credentials', async () => {
    const off = await createTestApp({ AUTH_MODE: 'none' });
    try {
      for (const request of [
        { method: 'POST', url: '/cloud_recording/start', payload: { channelName: 'test_channel' } },
        { method: 'GET', url: '/cloud_recording/status?resourceId=abc' },
      ] as const) {
        const answer = await off.inject(request);
        expect({ status: answer.statusCode, detail: answer.json<{ detail: string }>().detail }).toEqual({ status: 404, detail: 'Cloud recording is not configured on this service.' });
      }
    } finally {
      await off.close();
    }
  });
});
