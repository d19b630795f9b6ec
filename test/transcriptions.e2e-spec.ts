import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import { STT_SECRETS, type FakeAgoraStt } from './support/fake-agora-stt.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

interface Transcription {
  id: string;
  project: string;
  channel: string;
  agentId: string;
  status: string;
  botUid: string;
  createdAt: string;
}

const BASE = `/api/speech-to-text/v1/projects/${TEST_APP_ID}`;

/**
 * The whole life of a transcription through the HTTP API, against a fake Agora STT v7 that checks what Agora checks:
 * Basic auth, paths, join and update bodies, updateMask and sequenceId, and answers as Agora documents.
 */
describe('Real-time transcription: /v1/transcriptions (e2e, fake Agora)', () => {
  let stt: TranscriptionApp;
  let fake: FakeAgoraStt;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    stt = await startTranscriptionApp();
    ({ fake, app } = stt);
    headers = stt.keys.transcriber.headers;
  });
  afterAll(() => stt.close());

  const create = (payload: object) => app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload });
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('starts, queries, changes and stops a transcription, calling Agora as it documents', async () => {
    const created = await create({ channel: 'team_42-demo', languages: ['en-US', 'es-ES'], subscribeAudioUids: ['42', '43'], maxIdleSeconds: 120 });

    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const transcription = created.json<Transcription>();
    const [join] = fake.requests('join');
    expect(join.credentials).toEqual(STT_SECRETS);
    expect(join.path).toBe(`${BASE}/join`);
    const agent = fake.agents.get(transcription.agentId)!;
    expect(transcription).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_.-]{20,1023}$/),
      project: 'default',
      channel: 'team_42-demo',
      agentId: agent.agentId,
      status: 'RUNNING',
      botUid: agent.config.rtcConfig.pubBotUid,
      createdAt: expect.any(String),
    });
    const { name, rtcConfig, ...rest } = join.body as { name: string; rtcConfig: Record<string, unknown> };
    expect(name).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(rest).toEqual({ languages: ['en-US', 'es-ES'], maxIdleTime: 120 });
    expect(rtcConfig).toEqual({ channelName: 'team_42-demo', pubBotUid: transcription.botUid, pubBotToken: expect.any(String), subscribeAudioUids: ['42', '43'] });
    expect(['42', '43', '0']).not.toContain(transcription.botUid);

    const got = await call('GET', `/v1/transcriptions/${transcription.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(transcription);
    expect(fake.requests('query').at(-1)!.path).toBe(`${BASE}/agents/${transcription.agentId}`);

    stt.later(5); // Agora's spacing before an update (its own spec below)
    const changed = await call('PATCH', `/v1/transcriptions/${transcription.id}`, {
      languages: ['fr-FR'],
      subscribeAudioUids: ['all'],
      translate: { enable: true, languages: [{ source: 'fr-FR', target: ['en-US', 'de-DE'] }] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual(transcription);
    const update = fake.requests('update').at(-1)!;
    expect(update.path).toBe(`${BASE}/agents/${transcription.agentId}/update`);
    expect(update.query.get('updateMask')!.split(',').sort()).toEqual(['languages', 'rtcConfig.subscribeAudioUids', 'translateConfig.enable', 'translateConfig.languages']);
    expect(agent.config.languages).toEqual(['fr-FR']);
    expect(agent.config.rtcConfig.subscribeAudioUids).toEqual(['all']);
    expect(agent.config.translateConfig).toEqual({ enable: true, languages: [{ source: 'fr-FR', target: ['en-US', 'de-DE'] }] });

    const stopped = await call('DELETE', `/v1/transcriptions/${transcription.id}`);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual({ ...transcription, status: 'STOPPING', alreadyStopped: false });
    expect(fake.requests('leave').at(-1)!.path).toBe(`${BASE}/agents/${transcription.agentId}/leave`);
    expect(agent.status).toBe('STOPPED');

    // Once Agora no longer runs it: its query is a 404, and a second stop says it had already stopped.
    const gone = await call('GET', `/v1/transcriptions/${transcription.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toBe('Agora no longer has this transcription: it has ended.');
    const again = await call('DELETE', `/v1/transcriptions/${transcription.id}`);
    expect(again.json()).toEqual({ ...transcription, status: 'STOPPED', alreadyStopped: true });
  });

  it('gives the bot a token for exactly its uid in the channel, that may publish, for the longest lifetime allowed', async () => {
    const created = (await create({ channel: 'demo room', languages: ['en-US'] })).json<Transcription>();
    const token = fake.agents.get(created.agentId)!.config.rtcConfig.pubBotToken;

    const decoded = decodeToken(token);
    expect(decoded.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect({ appId: decoded.appId, expire: decoded.expire, serviceCount: decoded.serviceCount, rtc: decoded.rtc }).toEqual({
      appId: TEST_APP_ID,
      expire: 86_400,
      serviceCount: 1,
      rtc: { channel: 'demo room', uid: created.botUid, privileges: { joinChannel: 86_400, publishAudio: 86_400, publishVideo: 86_400, publishData: 86_400 } },
    });
  });

  it('counts the bot’s token (kind transcription-bot) and each Agora call by API and outcome in the metrics', async () => {
    const metric = async (pattern: RegExp) => Number(pattern.exec((await app.inject({ method: 'GET', url: '/metrics' })).body)?.[1] ?? 0);
    const issued = () => metric(/^agora_tokens_issued_total\{kind="transcription-bot",project="default"\} (\d+)$/m);
    const calls = (api: string, outcome: string) => metric(new RegExp(`^agora_upstream_requests_total\\{api="${api}",outcome="${outcome}"\\} (\\d+)$`, 'm'));
    const before = { issued: await issued(), joins: await calls('transcription.join', 'ok'), queries: await calls('transcription.query', 'ok') };

    const { id } = (await create({ channel: 'counted', languages: ['en-US'] })).json<Transcription>();
    await call('GET', `/v1/transcriptions/${id}`);

    expect({ issued: await issued(), joins: await calls('transcription.join', 'ok'), queries: await calls('transcription.query', 'ok') }).toEqual({
      issued: before.issued + 1,
      joins: before.joins + 1,
      queries: before.queries + 1,
    });
  });

  it('gives every join its own name, so one channel can run several transcriptions', async () => {
    const first = (await create({ channel: 'multi', languages: ['en-US'] })).json<Transcription>();
    const second = (await create({ channel: 'multi', languages: ['ja-JP'] })).json<Transcription>();

    expect(first.agentId).not.toBe(second.agentId);
    expect(fake.agents.get(first.agentId)!.name).not.toBe(fake.agents.get(second.agentId)!.name);
  });

  it('translates and stores captions through the storage profile named, with the caption prefix of the channel and start', async () => {
    const created = await create({
      channel: 'class_7-b',
      languages: ['en-US'],
      unsubscribeAudioUids: ['7'],
      translate: { languages: [{ source: 'en-US', target: ['es-ES'] }] },
      captions: 'default',
    });

    expect(created.statusCode).toBe(201);
    const { createdAt, agentId } = created.json<Transcription>();
    const config = fake.agents.get(agentId)!.config;
    expect(config.rtcConfig.unSubscribeAudioUids).toEqual(['7']);
    expect(config.translateConfig).toEqual({ languages: [{ source: 'en-US', target: ['es-ES'] }] });
    expect(config.captionConfig).toEqual({
      storage: {
        vendor: 1,
        region: 3,
        bucket: 'captions-bucket',
        accessKey: STT_SECRETS.accessKey,
        secretKey: STT_SECRETS.secretKey,
        fileNamePrefix: ['class7b', createdAt.slice(0, 10).replaceAll('-', ''), createdAt.slice(11, 19).replaceAll(':', '')],
      },
    });
  });

  it('refuses a storage profile that is not configured, as a 400 on captions', async () => {
    const refused = await create({ channel: 'demo', languages: ['en-US'], captions: 'nowhere' });

    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'captions' })]);
  });

  it('sends each update of a transcription a larger sequenceId, and answers Agora’s sequence conflict as a 409', async () => {
    const { id, agentId } = (await create({ channel: 'seq', languages: ['en-US'] })).json<Transcription>();
    stt.later(5);
    await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['de-DE'] });
    stt.later(5);
    await call('PATCH', `/v1/transcriptions/${id}`, { translate: { enable: false } });
    const sequences = fake.requests('update').filter((request) => request.params.agentId === agentId).map((request) => Number(request.query.get('sequenceId')));
    expect(sequences).toHaveLength(2);
    expect(sequences[1]).toBeGreaterThan(sequences[0]);
    expect(fake.agents.get(agentId)!.updates).toEqual([['languages'], ['translateConfig.enable']]);

    // Another replica's update, with a far larger sequenceId, came first.
    fake.agents.get(agentId)!.sequenceId = Number.MAX_SAFE_INTEGER;
    stt.later(5);
    const conflict = await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['en-US'] });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ status: 409, detail: expect.stringMatching(/came first; send it again/), upstream: { status: 409 } });
  });

  it('spaces a transcription’s updates 5 s after its start and after each other, as Agora asks: one sooner is a 429 with Retry-After', async () => {
    const { id, agentId } = (await create({ channel: 'spaced', languages: ['en-US'] })).json<Transcription>();
    const update = async () => {
      const answer = await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['de-DE'] });
      return { status: answer.statusCode, retryAfter: answer.headers['retry-after'], type: answer.headers['content-type'] };
    };
    const refused = (retryAfter: string) => ({ status: 429, retryAfter, type: expect.stringContaining('application/problem+json') });
    const done = { status: 200, retryAfter: undefined, type: expect.stringContaining('application/json') };

    expect(await update()).toEqual(refused('5'));
    stt.later(4);
    expect(await update()).toEqual(refused('1'));
    expect(fake.agents.get(agentId)!.updates).toEqual([]); // Agora heard of none of them
    stt.later(1);
    expect(await update()).toEqual(done);
    expect(await update()).toEqual(refused('5'));
    stt.later(5);
    // An update Agora refused for its rate limit did not act: the next may follow at once.
    fake.on('update', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } });
    expect((await update()).status).toBe(503);
    fake.on('update', fake.responder('update'));
    expect(await update()).toEqual(done);
    expect(fake.agents.get(agentId)!.updates).toEqual([['languages'], ['languages']]);
  });

  it('refuses an update that changes nothing, before calling Agora', async () => {
    const { id } = (await create({ channel: 'noop', languages: ['en-US'] })).json<Transcription>();
    const before = fake.requests('update').length;

    const refused = await call('PATCH', `/v1/transcriptions/${id}`, { translate: {} });
    expect(refused.statusCode).toBe(400);
    expect(fake.requests('update')).toHaveLength(before);
  });

  it('lists the transcriptions Agora runs in a channel, and drops those it no longer lists', async () => {
    const a = (await create({ channel: 'listed', languages: ['en-US'] })).json<Transcription>();
    const b = (await create({ channel: 'listed', languages: ['es-ES'] })).json<Transcription>();
    await create({ channel: 'elsewhere', languages: ['es-ES'] });

    const listed = await call('GET', '/v1/transcriptions?channel=listed');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: { id: string; agentId: string; channel: string; status: string }[] }>().items;
    expect(items.map(({ id, agentId, channel, status }) => ({ id, agentId, channel, status })).sort((x, y) => x.agentId.localeCompare(y.agentId))).toEqual(
      [a, b].map(({ id, agentId, channel }) => ({ id, agentId, channel, status: 'RUNNING' })).sort((x, y) => x.agentId.localeCompare(y.agentId)),
    );
    const query = fake.requests('list').at(-1)!.query;
    expect(query.get('channel')).toBe('listed');

    fake.stop(a.agentId);
    const after = (await call('GET', '/v1/transcriptions?channel=listed')).json<{ items: { agentId: string }[] }>().items;
    expect(after.map(({ agentId }) => agentId)).toEqual([b.agentId]);
  });

  it('lists an agent Agora reports STARTING or RECOVERING with that state, and forgets one only once Agora’s query says it ended', async () => {
    const started = await Promise.all(['a', 'b', 'c', 'd'].map(async () => (await create({ channel: 'states', languages: ['en-US'] })).json<Transcription>()));
    const [recovering, starting, failed, stopped] = started.map(({ agentId }) => agentId);
    const list = async () =>
      Object.fromEntries((await call('GET', '/v1/transcriptions?channel=states')).json<{ items: Transcription[] }>().items.map(({ agentId, status }) => [agentId, status]));
    stt.later(120); // every index entry is past the grace a join gets (Agora's list lags it)

    fake.enter(recovering, 'RECOVERING');
    fake.enter(starting, 'STARTING');
    fake.enter(failed, 'FAILED');
    fake.on('query', (request) => (request.params.agentId === stopped ? { body: { agent_id: stopped, status: 'STOPPED' } } : fake.responder('query')(request)));
    fake.enter(stopped, 'STOPPING');
    expect(await list()).toEqual({ [recovering]: 'RECOVERING', [starting]: 'STARTING' });
    expect(fake.requests('list').at(-1)!.query.get('state')).toBeNull(); // Agora's default: RUNNING

    // Agora's query failing says nothing of the agent: listed UNKNOWN, and kept.
    fake.on('query', { status: 503, body: { detail: 'busy', reason: 'ServiceUnavailable' } });
    expect(await list()).toEqual({ [recovering]: 'UNKNOWN', [starting]: 'UNKNOWN' });
    fake.on('query', fake.responder('query'));

    // Back to RUNNING: still the owner's; those that ended were forgotten, so they are not listed again.
    for (const agentId of [recovering, starting, failed, stopped]) fake.enter(agentId, 'RUNNING');
    expect(await list()).toEqual({ [recovering]: 'RUNNING', [starting]: 'RUNNING' });
  });

  it('answers 404 once Agora runs the agent no more, and 502 for a start Agora’s gateway cannot route (a wrong base URL)', async () => {
    fake.on('join', { status: 404, body: { message: 'no Route matched with those values' } });
    const unrouted = await create({ channel: 'ending', languages: ['en-US'] });
    expect({ status: unrouted.statusCode, upstream: unrouted.json().upstream }).toEqual({ status: 502, upstream: { status: 404 } });
    fake.on('join', fake.responder('join'));

    const { id, agentId } = (await create({ channel: 'ending', languages: ['en-US'] })).json<Transcription>();
    fake.stop(agentId);
    stt.later(5); // Agora's spacing before an update
    expect((await call('GET', `/v1/transcriptions/${id}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['de-DE'] })).statusCode).toBe(404);
  });
});
