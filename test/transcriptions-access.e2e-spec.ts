import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken } from './support/decode-token.js';
import { respells } from './support/sealed-ids.js';
import { STT_SECRETS, type FakeAgoraStt } from './support/fake-agora-stt.js';
import { JwksServer } from './support/jwks-server.js';
import { STUDIO, VIDEO, writeProjectsFile } from './support/test-projects.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';

const REST = { customerId: STT_SECRETS.customerId, customerSecret: STT_SECRETS.customerSecret };
const NO_REST = { name: 'chat-only', appId: 'b'.repeat(32), certificate: 'c'.repeat(32) };

/**
 * Who may transcribe what (OWASP API1 and API5): the `transcription` kind, channels, projects and roles of API keys,
 * end users only with JWT_SERVICES_CLAIM, and every transcription usable by its owner alone (or an API key with
 * `resources: any`): another caller, an altered id or any string in its place is a 404, never a 500.
 */
describe('Real-time transcription: who may transcribe, and whose transcriptions (e2e, fake Agora)', () => {
  let stt: TranscriptionApp;
  let fake: FakeAgoraStt;
  let jwks: JwksServer;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    stt = await startTranscriptionApp(
      {
        owner: { kinds: ['transcription'] },
        other: { kinds: ['transcription', 'rtc'] },
        rtcOnly: { kinds: ['rtc', 'recording', 'stt'] },
        teams: { kinds: ['transcription'], channels: ['team-*'] },
        studioOnly: { kinds: ['transcription'], projects: ['studio*'] },
        subscribers: { kinds: ['transcription'], roles: ['subscriber'] },
        capped: { kinds: ['transcription'], maxExpireSeconds: 600 },
        support: { kinds: ['transcription'], resources: 'any' },
        teamSupport: { kinds: ['transcription'], channels: ['team-*'], resources: 'any' },
      },
      {
        ...jwks.env('apikey,jwt'),
        JWT_SERVICES_CLAIM: 'services',
        JWT_CHANNELS_CLAIM: 'channels',
        APP_ID: undefined,
        APP_CERTIFICATE: undefined,
        AGORA_CUSTOMER_ID: undefined,
        AGORA_CUSTOMER_SECRET: undefined,
        AGORA_PROJECTS_FILE: writeProjectsFile([
          { ...VIDEO, ...REST },
          { ...STUDIO, ...REST },
          NO_REST,
        ]),
      },
    );
    ({ fake, app } = stt);
  });
  afterAll(async () => {
    await stt.close();
    await jwks.stop();
  });

  const key = (name: string) => stt.keys[name].headers;
  const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
  const create = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload });
  const refusal = async (headers: Record<string, string>, payload: object) => {
    const answer = await create(headers, payload);
    return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
  };
  const en = { languages: ['en-US'] };

  it('lets API keys transcribe by their kinds, channels, projects and roles, before Agora hears of it', async () => {
    const before = fake.requests('join').length;
    expect(await refusal(key('rtcOnly'), { channel: 'lobby', ...en })).toEqual({ status: 403, rule: 'kinds' });
    expect(await refusal(key('teams'), { channel: 'lobby', ...en })).toEqual({ status: 403, rule: 'channels' });
    expect(await refusal(key('studioOnly'), { channel: 'lobby', ...en })).toEqual({ status: 403, rule: 'projects' });
    expect(await refusal(key('studioOnly'), { channel: 'lobby', project: 'video', ...en })).toEqual({ status: 403, rule: 'projects' });
    // The bot publishes captions: a key limited to subscriber tokens may not have one signed.
    expect(await refusal(key('subscribers'), { channel: 'lobby', ...en })).toEqual({ status: 403, rule: 'roles' });
    expect(fake.requests('join')).toHaveLength(before);

    expect((await create(key('teams'), { channel: 'team-1', ...en })).statusCode).toBe(201);
    const studio = await create(key('studioOnly'), { channel: 'lobby', project: STUDIO.name, ...en });
    expect(studio.statusCode).toBe(201);
    expect(studio.json()).toMatchObject({ project: STUDIO.name });
    const join = fake.requests('join').at(-1)!;
    expect(join.path).toBe(`/api/speech-to-text/v1/projects/${STUDIO.appId}/join`);
    const token = decodeToken((join.body as { rtcConfig: { pubBotToken: string } }).rtcConfig.pubBotToken);
    expect({ appId: token.appId, studio: token.verifies(STUDIO.certificate), video: token.verifies(VIDEO.certificate) }).toEqual({ appId: STUDIO.appId, studio: true, video: false });
  });

  it('caps the bot’s token, and so the transcription, at a key’s maxExpireSeconds', async () => {
    const created = await create(key('capped'), { channel: 'capped-room', ...en });
    expect(created.statusCode).toBe(201);
    const token = (fake.requests('join').at(-1)!.body as { rtcConfig: { pubBotToken: string } }).rtcConfig.pubBotToken;
    expect(decodeToken(token).expire).toBe(600);
  });

  it('answers 404 naming a project without REST credentials, and 400 for a project nobody configured', async () => {
    const none = await create(key('owner'), { channel: 'lobby', project: NO_REST.name, ...en });
    expect(none.statusCode).toBe(404);
    expect(none.json().detail).toContain(NO_REST.name);
    const unknown = await create(key('owner'), { channel: 'lobby', project: 'nowhere', ...en });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'project' })]);
  });

  it('gives end users nothing without the services claim, and with it their channels claim applies', async () => {
    const plain = await jwks.sign({ sub: 'alice', channels: ['*'] });
    const recorder = await jwks.sign({ sub: 'alice', channels: ['*'], services: 'recording stt' });
    const transcriber = await jwks.sign({ sub: 'alice', channels: 'team-*', services: 'transcription' });

    expect(await refusal(bearer(plain), { channel: 'team-1', ...en })).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(bearer(recorder), { channel: 'team-1', ...en })).toEqual({ status: 403, rule: 'services' });
    expect(await refusal(bearer(transcriber), { channel: 'lobby', ...en })).toEqual({ status: 403, rule: 'channels' });
    const created = await create(bearer(transcriber), { channel: 'team-2', ...en });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const bob = await jwks.sign({ sub: 'bob', channels: '*', services: ['transcription'] });
    const get = (headers: Record<string, string>) => app.inject({ method: 'GET', url: `/v1/transcriptions/${id}`, headers });
    expect([(await get(bearer(bob))).statusCode, (await get(key('owner'))).statusCode, (await get(bearer(transcriber))).statusCode]).toEqual([404, 404, 200]);
  });

  it('lets only the owner query, change, stop and list a transcription: anyone else gets the 404 of an unknown id', async () => {
    const created = (await create(key('owner'), { channel: 'owned-room', ...en })).json<{ id: string; agentId: string }>();
    const calls = [
      { method: 'GET', url: `/v1/transcriptions/${created.id}` },
      { method: 'PATCH', url: `/v1/transcriptions/${created.id}`, payload: { languages: ['de-DE'] } },
      { method: 'DELETE', url: `/v1/transcriptions/${created.id}` },
    ] as const;
    const before = fake.agora.requests.length;
    for (const request of calls) {
      const answer = await app.inject({ ...request, headers: key('other') });
      expect({ call: `${request.method}`, status: answer.statusCode, detail: answer.json().detail }).toEqual({
        call: request.method,
        status: 404,
        detail: 'No transcription of yours has this id.',
      });
    }
    expect(fake.agora.requests.length).toBe(before);
    const list = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/v1/transcriptions?channel=owned-room', headers });
    expect((await list(key('other'))).json()).toEqual({ items: [] });
    expect((await list(key('owner'))).json().items.map(({ id }: { id: string }) => id)).toEqual([created.id]);
    stt.later(5); // Agora's spacing before an update
    for (const request of calls) expect((await app.inject({ ...request, headers: key('owner') })).statusCode).toBe(200);
  });

  it('lets a key whose policy says resources: any reach and list others’ transcriptions, within its channels', async () => {
    const owned = (await create(key('owner'), { channel: 'owned-too', ...en })).json<{ id: string }>().id;
    const team = (await create(key('owner'), { channel: 'team-9', ...en })).json<{ id: string }>().id;
    const get = (id: string, name: string) => app.inject({ method: 'GET', url: `/v1/transcriptions/${id}`, headers: key(name) });

    expect((await get(owned, 'support')).statusCode).toBe(200);
    expect((await get(team, 'teamSupport')).statusCode).toBe(200);
    expect((await get(owned, 'teamSupport')).statusCode).toBe(404);
    const listed = await app.inject({ method: 'GET', url: '/v1/transcriptions?channel=team-9', headers: key('teamSupport') });
    expect(listed.json().items.map(({ id }: { id: string }) => id)).toEqual([team]);
    expect((await app.inject({ method: 'GET', url: '/v1/transcriptions?channel=owned-too', headers: key('teamSupport') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/v1/transcriptions/${team}`, headers: key('support') })).statusCode).toBe(200);
  });

  it('answers a 404 problem, never a 500, for any altered id or any string in its place', async () => {
    const { id } = (await create(key('owner'), { channel: 'tamper-room', ...en })).json<{ id: string }>();
    const mutated = fc
      .tuple(fc.nat({ max: id.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => id.slice(0, at) + char + id.slice(at + 1))
      .filter((changed) => changed !== id && !respells(changed, id));
    const anything = fc.string({ minLength: 1, maxLength: 200 }).map((text) => encodeURIComponent(text));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, anything), fc.constantFrom('GET', 'DELETE'), async (candidate, method) => {
        const answer = await app.inject({ method, url: `/v1/transcriptions/${candidate}`, headers: key('owner') });
        expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 404, type: expect.stringContaining('application/problem+json') });
      }),
      { numRuns: 60 },
    );
  });
});
