import fc from 'fast-check';
import { TEST_APP_ID } from './support/test-credentials.js';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';

const KEY = 'sk_fork_0123456789abcdefXYZ';
const RAW = { rtcChannel: 'test_channel', streamUrl: 'rtmp://live.example.com/app', streamKey: KEY, region: 'na', useTranscoding: false, rtcStreamUid: '201' };
const TRANSCODED = {
  rtcChannel: 'test_channel',
  streamUrl: 'rtmp://live.example.com/app/',
  streamKey: KEY,
  region: 'eu',
  regionHintIp: '203.0.113.10',
  useTranscoding: true,
  rtcStreamUid: null,
  converterName: 'client_chosen',
  audioOptions: { codecProfile: 'LC-AAC', sampleRate: 48000, bitrate: 48, audioChannels: 1 },
  videoOptions: {
    canvas: { width: 1280, height: 720 },
    layout: [
      { rtcStreamUid: '201', region: { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 720 } },
      { rtcStreamUid: '202', region: { xPos: 640, yPos: 0, zIndex: 1, width: 640, height: 720 }, fillMode: 'fit' },
    ],
    bitrate: 1500,
    codec: 'H.264',
  },
  idleTimeOut: 300,
  jitterBufferSizeMs: 500,
};

/**
 * The Go fork's /rtmp/push routes, drop-in: its bodies and answers, its X-Request-ID rule, on the /v1 media push
 * service (policy, ownership, the stream key kept secret), with what the fork got wrong put right.
 */
describe('Agora Backend Webservice: /rtmp/push (e2e, fake Agora)', () => {
  let push: MediaPushApp;
  const headers = (caller = 'pusher', requestId: string | undefined = 'fork-req-1') => ({ ...push.headers[caller], ...(requestId === undefined ? {} : { 'x-request-id': requestId }) });
  const post = (route: string, payload: object, caller?: string, requestId?: string) =>
    push.app.inject({ method: 'POST', url: `/rtmp/push/${route}`, headers: headers(caller, requestId), payload });
  const list = (query = '', caller?: string) => push.app.inject({ method: 'GET', url: `/rtmp/push/list${query}`, headers: headers(caller) });

  beforeAll(async () => {
    push = await startMediaPushApp({}, [{ id: 'other', kinds: ['media-push'] }, { id: 'tokens-only', kinds: ['rtc'] }]);
  });
  afterAll(() => push.close());

  it('requires X-Request-ID on every route, with the fork’s 400, and sends it on to Agora', async () => {
    for (const request of [
      { method: 'POST', url: '/rtmp/push/start', payload: RAW },
      { method: 'POST', url: '/rtmp/push/stop', payload: { converterId: 'x' } },
      { method: 'POST', url: '/rtmp/push/update', payload: { converterId: 'x' } },
      { method: 'GET', url: '/rtmp/push/list' },
    ] as const) {
      for (const requestId of [undefined, '', '  ']) {
        const answer = await push.app.inject({ ...request, headers: { ...push.headers.pusher, ...(requestId === undefined ? {} : { 'x-request-id': requestId }) } });
        expect({ url: request.url, status: answer.statusCode, body: answer.json() }).toEqual({ url: request.url, status: 400, body: { error: 'X-Request-ID header is required' } });
      }
    }
    const started = await post('start', RAW, 'pusher', 'client-trace-42');
    expect(started.statusCode).toBe(200);
    expect(started.headers['x-request-id']).toBe('client-trace-42');
    expect(push.fake.requests('create').at(-1)!.headers['x-request-id']).toBe('client-trace-42');
  });

  it('starts without transcoding: the URL joined with one slash, the uid as Agora’s number, the fork’s answer with this service’s id', async () => {
    const answer = await post('start', RAW);

    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toEqual({
      converter: { id: expect.stringMatching(/^[A-Za-z0-9_.-]+$/), createTs: expect.any(Number), updateTs: expect.any(Number), state: 'connecting' },
      fields: 'id,createTs,updateTs,state',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const sent = push.fake.requests('create').at(-1)!;
    expect(sent.path).toBe(`/na/v1/projects/${TEST_APP_ID}/rtmp-converters`);
    expect(sent.body).toEqual({
      converter: { name: expect.stringMatching(/^ats-push-/), rawOptions: { rtcChannel: 'test_channel', rtcStreamUid: 201 }, rtmpUrl: `rtmp://live.example.com/app/${KEY}` },
    });
    // The fork's converter id is /v1's id: the same converter, to the same owner only.
    const v1 = await push.app.inject({ method: 'GET', url: `/v1/media-push/${body.converter.id}`, headers: push.headers.pusher });
    expect(v1.json()).toEqual(expect.objectContaining({ id: body.converter.id, channel: 'test_channel', mode: 'raw', rtmpUrl: 'rtmp://live.example.com/app/***' }));
    expect(answer.body).not.toContain(KEY);
  });

  it('starts transcoded with the fork’s string uids as numbers, ignoring the client’s converter name', async () => {
    const answer = await post('start', TRANSCODED);

    expect(answer.statusCode).toBe(200);
    const sent = push.fake.requests('create').at(-1)!;
    expect(sent.params.region).toBe('eu');
    expect(sent.query.get('regionHintIp')).toBe('203.0.113.10');
    const converter = (sent.body as { converter: Record<string, unknown> }).converter;
    expect(converter.name).not.toBe('client_chosen');
    expect(converter).toEqual(
      expect.objectContaining({
        transcodeOptions: {
          rtcChannel: 'test_channel',
          audioOptions: TRANSCODED.audioOptions,
          videoOptions: {
            canvas: { width: 1280, height: 720 },
            layout: [
              { rtcStreamUid: 201, region: { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 720 } },
              { rtcStreamUid: 202, region: { xPos: 640, yPos: 0, zIndex: 1, width: 640, height: 720 }, fillMode: 'fit' },
            ],
            bitrate: 1500,
            codec: 'H.264',
          },
        },
        rtmpUrl: `rtmp://live.example.com/app/${KEY}`,
        idleTimeOut: 300,
        jitterBufferSizeMs: 500,
      }),
    );
  });

  it('takes the fork’s codec spellings (RTMP_curl.md sends "h264") and its keys in any case, sending Agora its own spelling', async () => {
    const answer = await post('start', {
      ...TRANSCODED,
      ConverterName: 'test_converter',
      RtcChannel: 'test_channel',
      videoOptions: { ...TRANSCODED.videoOptions, codec: 'h264', Width: 1280 },
      unknownField: true,
    });
    expect(answer.statusCode).toBe(200);
    const converter = (push.fake.requests('create').at(-1)!.body as { converter: { name: string; transcodeOptions: { rtcChannel: string; videoOptions: Record<string, unknown> } } }).converter;
    expect(converter.name).toMatch(/^ats-push-/);
    expect(converter.transcodeOptions.rtcChannel).toBe('test_channel');
    expect(converter.transcodeOptions.videoOptions).toEqual(expect.objectContaining({ codec: 'H.264', bitrate: 1500 }));
    expect(converter.transcodeOptions.videoOptions).not.toHaveProperty('Width');
    const h265 = await post('start', { ...TRANSCODED, videoOptions: { ...TRANSCODED.videoOptions, codec: 'h.265' } });
    expect(h265.statusCode).toBe(200);
    expect((push.fake.requests('create').at(-1)!.body as { converter: { transcodeOptions: { videoOptions: { codec: string } } } }).converter.transcodeOptions.videoOptions.codec).toBe('H.265');
    const vp9 = await post('start', { ...TRANSCODED, videoOptions: { ...TRANSCODED.videoOptions, codec: 'VP9' } });
    expect([vp9.statusCode, vp9.json().errors[0].field]).toEqual([400, 'videoOptions.codec']);
  });

  it('checks X-Request-ID before the body on every route, as the fork’s group middleware did', async () => {
    const before = push.fake.requests('create').length;
    for (const [url, payload] of [['start', { rtcChannel: 'x' }], ['stop', {}], ['update', { converterId: 'nope', jitterBufferSizeMs: 'soon' }]] as const) {
      const answer = await push.app.inject({ method: 'POST', url: `/rtmp/push/${url}`, headers: push.headers.pusher, payload });
      expect({ url, status: answer.statusCode, body: answer.json<unknown>() }).toEqual({ url, status: 400, body: { error: 'X-Request-ID header is required' } });
    }
    expect(push.fake.requests('create')).toHaveLength(before);
  });

  it('answers the fork’s mistakes with 400s: no uid without transcoding (the fork crashed), a bad region (its own error), a bad URL', async () => {
    const before = push.fake.requests('create').length;
    const noUid = await post('start', { ...RAW, rtcStreamUid: undefined });
    const transcodedEmpty = await post('start', { ...RAW, useTranscoding: true });
    const region = await post('start', { ...RAW, region: 'us' });
    const url = await post('start', { ...RAW, streamUrl: 'http://live.example.com/app' });

    expect([noUid.statusCode, noUid.json().errors]).toEqual([400, [{ field: 'rtcStreamUid', message: expect.stringContaining('required') }]]);
    expect([transcodedEmpty.statusCode, transcodedEmpty.json().errors[0].field]).toEqual([400, 'videoOptions']);
    expect([region.statusCode, region.json()]).toEqual([400, { error: 'Invalid region specified.' }]);
    expect([url.statusCode, url.json().errors[0].field]).toEqual([400, 'streamUrl']);
    expect(url.body).not.toContain(KEY);
    expect(push.fake.requests('create')).toHaveLength(before);
  });

  it('updates with the fields mask and a growing sequence, never the channel, dropping what Agora cannot change', async () => {
    const { id } = (await post('start', TRANSCODED)).json().converter;
    const layout = [{ rtcStreamUid: '203', region: { xPos: 0, yPos: 0, zIndex: 1, width: 1280, height: 720 } }];

    const first = await post('update', { converterId: id, region: 'eu', rtcChannel: 'test_channel', sequenceId: 0, videoOptions: { ...TRANSCODED.videoOptions, layout, codecProfile: 'high' } });
    const second = await post('update', { converterId: id, streamUrl: 'rtmp://backup.example.com/app/', streamKey: 'sk_backup_key_000000001', sequenceId: 0 });

    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json()).toEqual({ converter: expect.objectContaining({ id, state: 'running' }), fields: 'id,createTs,updateTs,state', timestamp: expect.any(String) });
    const [one, two] = push.fake.requests('update').slice(-2);
    expect(one.path).toMatch(/^\/eu\//);
    expect(one.body).toEqual({
      converter: { transcodeOptions: { videoOptions: { canvas: { width: 1280, height: 720 }, layout: [{ rtcStreamUid: 203, region: layout[0].region }], bitrate: 1500 } } },
      fields: 'transcodeOptions.videoOptions.canvas,transcodeOptions.videoOptions.layout,transcodeOptions.videoOptions.bitrate',
    });
    expect(two.body).toEqual({ converter: { rtmpUrl: 'rtmp://backup.example.com/app/sk_backup_key_000000001' }, fields: 'rtmpUrl' });
    expect(Number(two.query.get('sequence'))).toBeGreaterThan(Number(one.query.get('sequence')));

    const moved = await post('update', { converterId: id, rtcChannel: 'another_channel', jitterBufferSizeMs: 100 });
    const halfUrl = await post('update', { converterId: id, streamUrl: 'rtmp://backup.example.com/app/' });
    expect([moved.statusCode, moved.json().errors[0].field]).toEqual([400, 'rtcChannel']);
    expect([halfUrl.statusCode, halfUrl.json().errors[0].field]).toEqual([400, 'streamKey']);
  });

  it('lists the caller’s converters in Agora’s list shape, never with a URL, and stops them with the fork’s answer', async () => {
    const mine = (await post('start', { ...RAW, rtcChannel: 'listed_room' })).json().converter.id;
    const theirs = (await post('start', { ...RAW, rtcChannel: 'listed_room' }, 'other')).json().converter.id;

    const listed = await list('?rtcChannel=listed_room');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({
      success: true,
      data: {
        total_count: 1,
        cursor: 0,
        members: [{ converterId: mine, converterName: expect.stringMatching(/^ats-push-/), rtcChannel: 'listed_room', region: 'na', state: 'running', create: expect.any(Number), updateTs: expect.any(Number) }],
      },
      timestamp: expect.any(String),
    });
    expect(listed.body).not.toContain('rtmp');
    expect((await list('?rtcChannel=listed_room&region=eu')).json().data.members).toEqual([]);
    expect((await list('?region=mars')).json()).toEqual({ error: 'Invalid region specified.' });

    const stranger = await post('stop', { converterId: mine, region: 'na' }, 'other');
    expect([stranger.statusCode, stranger.json().detail]).toEqual([404, 'No converter of yours has this id.']);
    const stopped = await post('stop', { converterId: mine, region: 'na' });
    expect(stopped.json()).toEqual({ status: 'Success', timestamp: expect.any(String) });
    expect((await post('stop', { converterId: mine })).statusCode).toBe(404);
    expect((await list('?rtcChannel=listed_room', 'other')).json().data.members.map((member: { converterId: string }) => member.converterId)).toEqual([theirs]);
  });

  it('applies /v1’s policy: the media-push kind, and nobody else’s converters', async () => {
    const refused = await post('start', RAW, 'tokens-only');
    expect([refused.statusCode, refused.json().rule]).toEqual([403, 'kinds']);
    const { id } = (await post('start', RAW)).json().converter;
    const update = await post('update', { converterId: id, jitterBufferSizeMs: 100 }, 'other');
    expect(update.statusCode).toBe(404);
  });

  it('answers bad bodies with 400s, never a 5xx, and never repeats the stream key', async () => {
    const field = fc.constantFrom('rtcChannel', 'streamUrl', 'streamKey', 'region', 'rtcStreamUid', 'useTranscoding', 'idleTimeOut', 'videoOptions', 'regionHintIp');
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.object({ maxDepth: 1 }), fc.array(fc.nat(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(field, value, async (name, bad) => {
        const answer = await post('start', { ...RAW, [name]: bad });
        expect(answer.statusCode).toBeLessThan(500);
        expect(answer.body).not.toContain(KEY);
      }),
      { numRuns: 60 },
    );
  });
});
