import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { createTestApp } from './support/test-app.js';

interface Named {
  cname: string;
  uid: string;
  resourceId: string;
  sid: string;
}

/** The fork's full start example, as its documentation gives it. */
const FULL_EXAMPLE = {
  channelName: 'testChannel',
  sceneMode: 'realtime',
  recordingMode: 'mix',
  excludeResourceIds: [],
  recordingConfig: {
    channelType: 0,
    decryptionMode: 1,
    secret: 'your_secret',
    salt: 'your_salt',
    maxIdleTime: 120,
    streamTypes: 2,
    videoStreamType: 0,
    subscribeAudioUids: ['#allstream#'],
    unsubscribeAudioUids: [],
    subscribeVideoUids: ['#allstream#'],
    unsubscribeVideoUids: [],
    subscribeUidGroup: 0,
    streamMode: 'individual',
    audioProfile: 1,
    transcodingConfig: { width: 640, height: 360, fps: 15, bitrate: 500, maxResolutionUid: '1', layoutConfig: [{ x_axis: 0, y_axis: 0, width: 640, height: 360, alpha: 1, render_mode: 1 }] },
  },
};

/**
 * What the fork's routes refuse, and how: every refusal is a 4xx naming the field, before Agora is called (the
 * fork answered 500 for most), an invalid `recordingMode` keeps the fork's own `{"error": …}`, and Agora's refusals
 * are the 409 or 502 problems of /v1 rather than 500s.
 */
describe('The Go fork’s /cloud_recording routes: what they refuse (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    app = await createTestApp({ ...recordingEnv(fake), AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url: `/cloud_recording/${url}`, payload: payload as object });
  const fieldsOf = (answer: { json: () => unknown }) => (answer.json() as { errors?: Array<{ field: string }> }).errors?.map(({ field }) => field);

  it('answers an invalid recordingMode with the fork’s own 400 {"error"}, and every other refusal as a problem naming the field', async () => {
    const before = fake.agora.requests.length;
    const mode = await post('start', { channelName: 'test_channel', recordingMode: 'composite' });
    expect({ status: mode.statusCode, type: mode.headers['content-type'], body: mode.json() }).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: { error: 'Invalid recording mode.' },
    });

    const cases: Array<[object, string[]]> = [
      [{}, ['channelName']],
      [{ channelName: '' }, ['channelName']],
      [{ channelName: 'test_channel', sceneMode: 'web' }, ['sceneMode']],
      [{ channelName: 'test_channel', sceneMode: 'postponed' }, ['sceneMode']],
      [{ channelName: 'test_channel', excludeResourceIds: ['abc'] }, ['excludeResourceIds']],
      [{ channelName: 'test_channel', uid: '42', storageConfig: { vendor: 1, accessKey: 'caller-key' } }, ['uid', 'storageConfig']],
      [{ channelName: 'stage', recordingMode: 'web' }, ['extensionServiceConfig']],
      // The fork's full example: encryption (not taken), empty unsubscribe lists beside subscribe lists, a streamMode
      // Agora does not know, and a region in pixels where Agora takes fractions of the canvas.
      [
        FULL_EXAMPLE,
        [
          ...['decryptionMode', 'secret', 'salt', 'subscribeAudioUids', 'unsubscribeAudioUids', 'subscribeVideoUids', 'unsubscribeVideoUids', 'streamMode'].map((field) => `recordingConfig.${field}`),
          'recordingConfig.transcodingConfig.layoutConfig.0.width',
          'recordingConfig.transcodingConfig.layoutConfig.0.height',
        ],
      ],
    ];
    for (const [body, fields] of cases) {
      const answer = await post('start', body);
      expect({ body, status: answer.statusCode, type: answer.headers['content-type'], fields: fieldsOf(answer) }).toEqual({
        body,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        fields,
      });
    }
    expect(fake.agora.requests.length).toBe(before);
  });

  it('reads null top-level fields as left out, as the fork’s Go decoder did: a mix recording with its default recordingConfig', async () => {
    const answer = await post('start', { channelName: 'null-room', sceneMode: null, recordingMode: null, recordingConfig: null, excludeResourceIds: null });
    const begin = fake.requests('start').at(-1)!;

    expect(answer.statusCode).toBe(200);
    expect(begin.path).toMatch(/\/mode\/mix\/start$/);
    expect((begin.body as { clientRequest: { recordingConfig: object } }).clientRequest.recordingConfig).toEqual(expect.objectContaining({ maxIdleTime: 120 }));
    await post('stop', { ...answer.json<Named>(), sid: null, async_stop: null });
    expect(fake.requests('stop').at(-1)!.body).toEqual(expect.objectContaining({ clientRequest: { async_stop: false } }));
  });

  it('takes the fork’s own default recordingConfig sent by a client in mix mode, leaving out what only individual mode takes', async () => {
    const forkDefault = {
      channelType: 0,
      streamTypes: 2,
      videoStreamType: 0,
      streamMode: 'standard',
      maxIdleTime: 120,
      subscribeAudioUids: ['#allstream#'],
      subscribeVideoUids: ['#allstream#'],
      subscribeUidGroup: 0,
    };
    const answer = await post('start', { channelName: 'default-config', recordingConfig: forkDefault });
    expect(answer.statusCode).toBe(200);
    const { streamMode: _mode, subscribeUidGroup: _group, ...mixed } = forkDefault;
    expect((fake.requests('start').at(-1)!.body as { clientRequest: { recordingConfig: object } }).clientRequest.recordingConfig).toEqual(mixed);
    // In individual mode they are Agora's, and go as sent.
    expect((await post('start', { channelName: 'default-config-2', recordingMode: 'individual', recordingConfig: forkDefault })).statusCode).toBe(200);
    expect((fake.requests('start').at(-1)!.body as { clientRequest: { recordingConfig: object } }).clientRequest.recordingConfig).toEqual(forkDefault);
  });

  it('refuses update bodies Agora would refuse: the fork’s layout in pixels, no subscription list, the web-only updates', async () => {
    const named = (await post('start', { channelName: 'update-room' })).json<Named>();
    const before = fake.agora.requests.length;
    const cases: Array<[string, object, string[]]> = [
      ['update/layout', { recordingConfig: { mixedVideoLayout: 1, layoutConfig: [{ uid: '2345', x_axis: 0, y_axis: 0, width: 360, height: 640, alpha: 1, render_mode: 1 }] } }, ['recordingConfig.layoutConfig.0.width', 'recordingConfig.layoutConfig.0.height']],
      ['update/layout', {}, ['recordingConfig']],
      ['update/subscriber-list', { recordingConfig: { streamSubscribe: {} } }, ['recordingConfig.streamSubscribe']],
      ['update/subscriber-list', { recordingConfig: { streamSubscribe: { videoUidList: { subscribeVideoUids: ['1'], unsunscribeVideoUids: ['2'] } } } }, ['recordingConfig.streamSubscribe.videoUidList.subscribeVideoUids']],
      ['update/subscriber-list', { recordingConfig: { webRecordingConfig: { onhold: true } } }, ['recordingConfig.streamSubscribe', 'recordingConfig.webRecordingConfig']],
      ['stop', { async_stop: 'yes' }, ['async_stop']],
    ];
    for (const [route, body, fields] of cases) {
      const answer = await post(route, { resourceId: named.resourceId, ...body });
      expect({ route, status: answer.statusCode, fields: fieldsOf(answer) }).toEqual({ route, status: 400, fields });
    }
    expect(fake.agora.requests.length).toBe(before);
    await post('stop', named);
  });

  it('answers what the recording’s mode does not allow as a 409, and Agora’s refusals as /v1 does (409, 502), never a 500', async () => {
    const solo = (await post('start', { channelName: 'solo', recordingMode: 'individual' })).json<Named>();
    const layout = await post('update/layout', { resourceId: solo.resourceId, recordingConfig: { mixedVideoLayout: 1 } });
    expect({ status: layout.statusCode, detail: layout.json<{ detail: string }>().detail }).toEqual({ status: 409, detail: 'Only mix recordings have a layout; this one is individual.' });
    await post('stop', solo);

    fake.on('start', { status: 400, body: { code: 53, reason: 'task conflict' } });
    const busy = await post('start', { channelName: 'busy-room' });
    fake.on('start', fake.responder('start'));
    fake.on('acquire', { status: 400, body: { code: 2, reason: 'Acquire: invalid params' } });
    const refused = await post('start', { channelName: 'bad-room' });
    fake.on('acquire', fake.responder('acquire'));

    // Acquire and start carry storage keys and the bot token: Agora's free text about them is never passed on.
    expect(busy.json()).toEqual(expect.objectContaining({ status: 409, upstream: { status: 400, code: 53 } }));
    expect(refused.json()).toEqual(expect.objectContaining({ status: 502, upstream: { status: 400, code: 2 } }));
    expect(refused.body).not.toContain(RECORDING_SECRETS.secretKey);
  });

  it('never answers a 5xx to any body built from the fork’s field names (fast-check)', async () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), fc.constant({}));
    const names = ['channelName', 'sceneMode', 'recordingMode', 'excludeResourceIds', 'recordingConfig', 'resourceId', 'sid', 'recordingId', 'cname', 'uid', 'async_stop', 'timestamp'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('start', 'stop', 'update/subscriber-list', 'update/layout'), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }), async (route, body) => {
        const answer = await post(route, body);
        const fine = answer.statusCode === 200 || (answer.statusCode >= 400 && answer.statusCode < 500);
        expect({ route, body, status: answer.statusCode, fine }).toEqual({ route, body, status: answer.statusCode, fine: true });
        if (answer.statusCode === 200 && route === 'start') await post('stop', answer.json());
      }),
      { numRuns: 80 },
    );
  });
});
