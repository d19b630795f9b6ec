import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import { FakeAgoraRecording, RECORDING_SECRETS } from './support/fake-agora-recording.js';
import { startRecordingApp, type RecordingApp } from './support/recording-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/**
 * The whole life of a recording through the HTTP API, against a fake Agora that checks what Agora checks:
 * Basic auth, paths, modes and bodies, and answers as Agora documents (file lists in string and json modes,
 * web mode's extensionServiceState, {code, reason} errors, 201 code 7, 206 code 65, failover 404s).
 */
describe('Cloud recording: /v1/recordings (e2e, fake Agora)', () => {
  let recording: RecordingApp;
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    recording = await startRecordingApp();
    ({ fake, app, headers } = recording);
  });
  afterAll(() => recording.close());
  beforeEach(() => {
    fake.stopDelayMs = 0;
    fake.payloadKey = 'payload';
  });

  const start = (payload: object) => app.inject({ method: 'POST', url: '/v1/recordings', headers, payload });
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('starts, reports, changes and stops a mix recording, calling Agora as it documents', async () => {
    const before = fake.agora.requests.length;
    const started = await start({ channel: 'team_42-demo', mode: 'mix' });

    expect(started.statusCode).toBe(201);
    expect(started.headers['cache-control']).toBe('no-store');
    const recording = started.json<{ id: string; uid: string; resourceId: string; sid: string; startedAt: string }>();
    expect(recording).toEqual({
      id: expect.stringMatching(/^[\w-]+\.[\w-]{43}$/),
      project: 'default',
      channel: 'team_42-demo',
      mode: 'mix',
      uid: expect.stringMatching(/^[1-9]\d*$/),
      resourceId: expect.any(String),
      sid: expect.stringMatching(/^[0-9a-f]{32}$/),
      startedAt: expect.any(String),
    });
    const [acquire, begin] = fake.agora.requests.slice(before);
    expect(recording.resourceId).toBe(fake.sessions.get(recording.sid)!.resourceId);
    // Basic auth with the project's Customer ID and Secret, on Agora's paths for this App ID and mode.
    for (const request of [acquire, begin]) expect(request.credentials).toEqual(RECORDING_SECRETS);
    expect(acquire.path).toBe(`/v1/apps/${TEST_APP_ID}/cloud_recording/acquire`);
    expect(begin.path).toBe(`/v1/apps/${TEST_APP_ID}/cloud_recording/resourceid/${encodeURIComponent(recording.resourceId)}/mode/mix/start`);
    const acquireBody = acquire.body as { cname: string; uid: string; clientRequest: { scene: number; startParameter: unknown } };
    const startBody = begin.body as { cname: string; uid: string; clientRequest: Record<string, any> };
    expect({ cname: acquireBody.cname, uid: acquireBody.uid, scene: acquireBody.clientRequest.scene }).toEqual({ cname: 'team_42-demo', uid: recording.uid, scene: 0 });
    expect({ cname: startBody.cname, uid: startBody.uid }).toEqual({ cname: 'team_42-demo', uid: recording.uid });
    expect(acquireBody.clientRequest.startParameter).toEqual(startBody.clientRequest);
    const { token, storageConfig, recordingConfig } = startBody.clientRequest;
    const at = new Date(recording.startedAt).toISOString();
    expect(storageConfig).toEqual({
      vendor: 1,
      region: 3,
      bucket: 'recordings-bucket',
      accessKey: RECORDING_SECRETS.accessKey,
      secretKey: RECORDING_SECRETS.secretKey,
      fileNamePrefix: ['team42demo', at.slice(0, 10).replaceAll('-', ''), at.slice(11, 19).replaceAll(':', '')],
    });
    expect(recordingConfig).toEqual({ channelType: 0, streamTypes: 2 });
    // The bot's token: for exactly its uid in this channel, a subscriber, valid for the longest lifetime allowed (24 h).
    const decoded = decodeToken(token);
    expect(decoded.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect({ appId: decoded.appId, expire: decoded.expire, rtc: decoded.rtc }).toEqual({
      appId: TEST_APP_ID,
      expire: 86_400,
      rtc: { channel: 'team_42-demo', uid: recording.uid, privileges: { joinChannel: 86_400 } },
    });

    const status = await call('GET', `/v1/recordings/${recording.id}`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({
      ...recording,
      status: 5,
      state: 'recording',
      fileListMode: 'string',
      fileList: `${storageConfig.fileNamePrefix.join('/')}/${recording.sid}_team_42-demo.m3u8`,
      sliceStartTime: 1562724971626,
    });
    const query = fake.requests('query').at(-1)!;
    expect(query.path).toBe(`/v1/apps/${TEST_APP_ID}/cloud_recording/resourceid/${encodeURIComponent(recording.resourceId)}/sid/${recording.sid}/mode/mix/query`);

    const subscriptions = await call('PATCH', `/v1/recordings/${recording.id}/subscriptions`, { subscribeAudioUids: ['42'], unsubscribeVideoUids: ['43'] });
    expect(subscriptions.statusCode).toBe(200);
    expect(subscriptions.json()).toEqual(recording);
    expect(fake.requests('update').at(-1)!.body).toEqual({
      cname: 'team_42-demo',
      uid: recording.uid,
      clientRequest: { streamSubscribe: { audioUidList: { subscribeAudioUids: ['42'] }, videoUidList: { unsubscribeVideoUids: ['43'] } } },
    });

    const layout = { mixedVideoLayout: 3, backgroundColor: '#336699', layoutConfig: [{ uid: '42', x_axis: 0.25, y_axis: 0, width: 0.5, height: 1, alpha: 0.8 }] };
    const relaid = await call('PATCH', `/v1/recordings/${recording.id}/layout`, layout);
    expect(relaid.statusCode).toBe(200);
    expect(fake.requests('updateLayout').at(-1)!.body).toEqual({ cname: 'team_42-demo', uid: recording.uid, clientRequest: layout });

    const stopped = await call('DELETE', `/v1/recordings/${recording.id}`);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual({
      ...recording,
      alreadyStopped: false,
      fileListMode: 'string',
      fileList: `${storageConfig.fileNamePrefix.join('/')}/${recording.sid}_team_42-demo.m3u8`,
      uploadingStatus: 'uploaded',
    });
    expect(fake.requests('stop').at(-1)!.body).toEqual({ cname: 'team_42-demo', uid: recording.uid, clientRequest: { async_stop: false } });

    // Stopped twice: Agora no longer finds it, which is a stopped recording; querying it is a 404.
    expect((await call('DELETE', `/v1/recordings/${recording.id}`)).json()).toEqual({ ...recording, alreadyStopped: true });
    expect((await call('GET', `/v1/recordings/${recording.id}`)).statusCode).toBe(404);
  });

  it('reads json file lists (HLS and MP4), and stops asynchronously on request', async () => {
    const recording = (await start({ channel: 'mp4-room', mode: 'mix', recordingFileConfig: { avFileType: ['hls', 'mp4'] } })).json<{ id: string; sid: string }>();
    const status = (await call('GET', `/v1/recordings/${recording.id}`)).json<{ fileListMode: string; fileList: Array<{ fileName: string }> }>();

    expect(status.fileListMode).toBe('json');
    expect(status.fileList.map(({ fileName }) => fileName.split('/').at(-1))).toEqual([`${recording.sid}_mp4-room.m3u8`, `${recording.sid}_mp4-room_0.mp4`]);
    expect(status.fileList[0]).toEqual(expect.objectContaining({ trackType: 'audio_and_video', uid: '0', mixedAllUser: true, isPlayable: true }));
    const stopped = await call('DELETE', `/v1/recordings/${recording.id}?async=true`);
    expect(stopped.json()).toEqual(expect.objectContaining({ alreadyStopped: false, uploadingStatus: 'unknown' }));
    expect(stopped.json()).not.toHaveProperty('fileList');
    expect(fake.requests('stop').at(-1)!.body).toEqual(expect.objectContaining({ clientRequest: { async_stop: true } }));
    expect((await call('DELETE', `/v1/recordings/${recording.id}?async=yes`)).json()).toEqual(
      expect.objectContaining({ status: 400, errors: [{ field: 'async', message: 'async must be true or false, given once' }] }),
    );
  });

  it.each(['payload', 'playload'] as const)('records a web page, reading extensionServiceState with %s', async (payloadKey) => {
    fake.payloadKey = payloadKey;
    const web = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 100 } };
    const started = await start({ channel: 'stage', mode: 'web', extensionServiceConfig: { extensionServices: [web] } });
    const recording = started.json<{ id: string }>();

    expect(started.statusCode).toBe(201);
    const acquire = fake.requests('acquire').at(-1)!.body as { clientRequest: { scene: number; resourceExpiredHour: number; startParameter: Record<string, unknown> } };
    expect(acquire.clientRequest).toEqual(expect.objectContaining({ scene: 1, resourceExpiredHour: 101 }));
    // A web recording joins no channel: no token, no recordingConfig.
    expect(Object.keys(acquire.clientRequest.startParameter).sort()).toEqual(['extensionServiceConfig', 'storageConfig']);
    const status = (await call('GET', `/v1/recordings/${recording.id}`)).json<{ extensionServiceState: unknown }>();
    expect(status.extensionServiceState).toEqual([{ serviceName: 'web_recorder_service', payload: expect.objectContaining({ state: 'inProgress', onhold: false }) }]);
    const stopped = (await call('DELETE', `/v1/recordings/${recording.id}`)).json<{ extensionServiceState: unknown }>();
    expect(stopped.extensionServiceState).toEqual([
      { serviceName: 'upload_service', payload: { uploadingStatus: 'uploaded' } },
      { serviceName: 'web_recorder_service', payload: { fileList: [{ filename: expect.stringMatching(/\.m3u8$/), sliceStartTime: 1562724971626 }], onhold: false, state: 'exit' } },
    ]);
    expect((await call('PATCH', `/v1/recordings/${recording.id}/subscriptions`, { subscribeAudioUids: ['42'] })).statusCode).toBe(409);
  });

  it('refuses a layout for a recording that is not mixed, and subscriptions for a web one, with a 409', async () => {
    const individual = (await start({ channel: 'solo', mode: 'individual', recordingConfig: { subscribeUidGroup: 0 } })).json<{ id: string }>();
    const answer = await call('PATCH', `/v1/recordings/${individual.id}/layout`, { mixedVideoLayout: 1 });

    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toEqual(expect.objectContaining({ detail: 'Only mix recordings have a layout; this one is individual.' }));
    expect((await call('PATCH', `/v1/recordings/${individual.id}/subscriptions`, {})).json()).toEqual(
      expect.objectContaining({ status: 400, errors: [{ field: 'body', message: 'send at least one subscription list' }] }),
    );
    await call('DELETE', `/v1/recordings/${individual.id}`);
  });

  it('answers Agora’s "already recording" (code 53, and 201 code 7) as a 409 problem', async () => {
    fake.on('start', { status: 400, body: { code: 53, reason: 'task conflict' } });
    const conflict = await start({ channel: 'busy-room', mode: 'mix' });
    fake.on('start', { status: 201, body: { code: 7, reason: 'already started' } });
    const again = await start({ channel: 'busy-room', mode: 'mix' });
    fake.on('start', fake.responder('start'));

    for (const [answer, upstream] of [
      // A start's body holds storage keys and the bot token: only Agora's status and code pass through.
      [conflict, { status: 400, code: 53 }],
      [again, { status: 201, code: 7 }],
    ] as const) {
      expect(answer.statusCode).toBe(409);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json()).toEqual(expect.objectContaining({ status: 409, upstream, detail: expect.stringContaining(`code ${upstream.code}`) }));
    }
  });

  it('retries a start Agora answered 206 code 65 with the same parameters, and a query through a failover 404', async () => {
    fake.on('start', { status: 206, body: { code: 65, reason: 'request not completed' } }, fake.responder('start'));
    const starts = fake.requests('start').length;
    const started = await start({ channel: 'flaky-room', mode: 'mix' });
    fake.on('start', fake.responder('start'));

    expect(started.statusCode).toBe(201);
    const [first, second] = fake.requests('start').slice(starts);
    expect(second.body).toEqual(first.body);
    const { id } = started.json<{ id: string }>();
    fake.on('query', { status: 404, body: { code: 404, reason: 'failed to find worker' } }, fake.responder('query'));
    expect((await call('GET', `/v1/recordings/${id}`)).json()).toEqual(expect.objectContaining({ state: 'recording' }));
    fake.on('query', fake.responder('query'));
    await call('DELETE', `/v1/recordings/${id}`);
  });

  it('waits for a slow synchronous stop (the upload) and answers its files', async () => {
    const { id } = (await start({ channel: 'slow-room', mode: 'mix' })).json<{ id: string }>();
    fake.stopDelayMs = 1500;
    const stopped = await call('DELETE', `/v1/recordings/${id}`);

    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual(expect.objectContaining({ alreadyStopped: false, uploadingStatus: 'uploaded', fileListMode: 'string' }));
  });

  it('answers a stop of a recording nobody published in (206 code 435) as stopped, with no files', async () => {
    const { id } = (await start({ channel: 'empty-room', mode: 'mix' })).json<{ id: string }>();
    fake.on('stop', { status: 206, body: { code: 435, reason: 'no recorded data' } });
    const stopped = await call('DELETE', `/v1/recordings/${id}`);
    fake.on('stop', fake.responder('stop'));

    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual(expect.objectContaining({ id, alreadyStopped: false, fileList: [] }));
    expect(fake.requests('stop').filter((request) => request.path.includes(stopped.json<{ sid: string }>().sid))).toHaveLength(1);
  });

  it('passes Agora’s other errors through as a 502 with its code (and its reason where the call carries no secret), never the request', async () => {
    fake.on('acquire', { status: 400, body: { code: 2, reason: 'Acquire: invalid params' } });
    const answer = await start({ channel: 'bad-room', mode: 'mix' });
    fake.on('acquire', fake.responder('acquire'));

    expect(answer.statusCode).toBe(502);
    expect(answer.json()).toEqual(expect.objectContaining({ status: 502, upstream: { status: 400, code: 2 } }));
    expect(answer.body).not.toContain(RECORDING_SECRETS.secretKey);
    const { id } = (await start({ channel: 'bad-query', mode: 'mix' })).json<{ id: string }>();
    fake.on('query', { status: 400, body: { code: 2, reason: 'invalid params' } });
    const query = await call('GET', `/v1/recordings/${id}`);
    fake.on('query', fake.responder('query'));
    expect(query.json()).toEqual(expect.objectContaining({ status: 502, upstream: { status: 400, code: 2, reason: 'invalid params' } }));
    await call('DELETE', `/v1/recordings/${id}`);
  });
});
