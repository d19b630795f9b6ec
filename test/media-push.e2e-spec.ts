import { TEST_APP_ID } from './support/test-credentials.js';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';

const RAW = { channel: 'show-68', rtcStreamUid: 201, rtmpUrl: 'rtmp://live.example.com/app/raw-stream-key-1' };
const TRANSCODED = {
  channel: 'show-69',
  region: 'eu',
  rtmpUrl: 'rtmps://live.example.com:443/app/transcoded-key-2?auth=sig',
  audioOptions: { codecProfile: 'HE-AAC', sampleRate: 44100, bitrate: 64, audioChannels: 2, rtcStreamUids: [201, 202] },
  videoOptions: {
    canvas: { width: 1280, height: 720, color: 255 },
    layout: [
      { rtcStreamUid: 201, region: { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 720 }, fillMode: 'fill', placeholderImageUrl: 'https://example.com/a.png' },
      { imageUrl: 'https://example.com/mark.png', region: { xPos: 1180, yPos: 20, zIndex: 2, width: 80, height: 40 }, fillMode: 'fit' },
    ],
    bitrate: 1500,
    frameRate: 30,
    gop: 60,
    codec: 'H.265',
    codecProfile: 'main',
    defaultPlaceholderImageUrl: 'https://example.com/none.png',
  },
  idleTimeOut: 120,
  jitterBufferSizeMs: 400,
  regionHintIp: '203.0.113.10',
};

/** Media push through /v1 against the fake Agora: what reaches Agora, and what the caller gets back. */
describe('Media push: converters through /v1/media-push (e2e, fake Agora)', () => {
  let push: MediaPushApp;
  const headers = () => push.headers.pusher;
  const create = (payload: object) => push.app.inject({ method: 'POST', url: '/v1/media-push', headers: headers(), payload });
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => push.app.inject({ method, url, headers: headers(), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    push = await startMediaPushApp({ AGORA_MEDIA_REGION: 'ap' });
  });
  afterAll(() => push.close());

  it('creates a raw converter in the default region, with a name of its own, and sends Agora exactly the raw options', async () => {
    const answer = await create(RAW);

    expect(answer.statusCode).toBe(201);
    const body = answer.json();
    const sent = push.fake.requests('create').at(-1)!;
    expect(sent.params).toEqual(expect.objectContaining({ region: 'ap', appId: TEST_APP_ID }));
    expect(sent.query.get('regionHintIp')).toBeNull();
    expect(sent.body).toEqual({ converter: { name: body.name, rawOptions: { rtcChannel: 'show-68', rtcStreamUid: 201 }, rtmpUrl: RAW.rtmpUrl } });
    expect(body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_.-]{20,1023}$/),
      project: 'default',
      channel: 'show-68',
      region: 'ap',
      converterId: push.fake.converters.get(body.converterId)!.id,
      name: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      mode: 'raw',
      rtmpUrl: 'rtmp://live.example.com/app/***',
      state: 'connecting',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('creates a transcoded converter in the region asked, sending every option as given, and names each converter once', async () => {
    const answer = await create(TRANSCODED);

    expect(answer.statusCode).toBe(201);
    const sent = push.fake.requests('create').at(-1)!;
    const { channel, region, rtmpUrl, audioOptions, videoOptions, idleTimeOut, jitterBufferSizeMs, regionHintIp } = TRANSCODED;
    expect(sent.params.region).toBe(region);
    expect(sent.query.get('regionHintIp')).toBe(regionHintIp);
    expect(sent.body).toEqual({
      converter: { name: answer.json().name, transcodeOptions: { rtcChannel: channel, audioOptions, videoOptions }, rtmpUrl, idleTimeOut, jitterBufferSizeMs },
    });
    expect(answer.json()).toEqual(expect.objectContaining({ region: 'eu', mode: 'transcoded', rtmpUrl: 'rtmps://live.example.com:443/app/***' }));
    const names = push.fake.requests('create').map((request) => (request.body as { converter: { name: string } }).converter.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads a converter back from Agora in its own region, without the stream key', async () => {
    const { id, converterId } = (await create(TRANSCODED)).json();

    const answer = await call('GET', `/v1/media-push/${id}`);

    expect(answer.statusCode).toBe(200);
    expect(push.fake.requests('get').at(-1)!.path).toBe(`/eu/v1/projects/${TEST_APP_ID}/rtmp-converters/${converterId}`);
    expect(answer.json()).toEqual(
      expect.objectContaining({
        id,
        converterId,
        state: 'running',
        rtmpUrl: 'rtmps://live.example.com:443/app/***',
        idleTimeOut: 120,
        audioOptions: TRANSCODED.audioOptions,
        videoOptions: TRANSCODED.videoOptions,
      }),
    );
  });

  it('updates with Agora’s fields mask naming exactly what changes, and a growing sequence', async () => {
    const { id, converterId } = (await create(TRANSCODED)).json();
    const canvas = { width: 720, height: 1280 };
    const layout = [{ rtcStreamUid: 202, region: { xPos: 0, yPos: 0, zIndex: 1, width: 720, height: 1280 } }];

    const first = await call('PATCH', `/v1/media-push/${id}`, { rtmpUrl: 'rtmp://other.example.com/live/new-key-3', videoOptions: { canvas, layout } });
    const second = await call('PATCH', `/v1/media-push/${id}`, { jitterBufferSizeMs: 800, videoOptions: { bitrate: 900 } });

    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json()).toEqual(expect.objectContaining({ id, rtmpUrl: 'rtmp://other.example.com/live/***', state: 'running' }));
    const [one, two] = push.fake.requests('update').slice(-2);
    expect(one.body).toEqual({
      converter: { rtmpUrl: 'rtmp://other.example.com/live/new-key-3', transcodeOptions: { videoOptions: { canvas, layout } } },
      fields: 'rtmpUrl,transcodeOptions.videoOptions.canvas,transcodeOptions.videoOptions.layout',
    });
    expect(two.body).toEqual({ converter: { jitterBufferSizeMs: 800, transcodeOptions: { videoOptions: { bitrate: 900 } } }, fields: 'jitterBufferSizeMs,transcodeOptions.videoOptions.bitrate' });
    expect(Number(two.query.get('sequence'))).toBeGreaterThan(Number(one.query.get('sequence')));
    const running = push.fake.converters.get(converterId)!.converter as { rtmpUrl: string; transcodeOptions: { videoOptions: Record<string, unknown> } };
    expect(running.rtmpUrl).toBe('rtmp://other.example.com/live/new-key-3');
    expect(running.transcodeOptions.videoOptions).toEqual(expect.objectContaining({ canvas, layout, bitrate: 900, codec: 'H.265' }));
  });

  it('runs concurrent updates of one converter one at a time, each with a larger sequence than the last', async () => {
    const { id } = (await create(RAW)).json();
    let running = 0;
    let overlapped = false;
    push.fake.on('update', async (request) => {
      running++;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 15));
      running--;
      return push.fake.answer('update', request);
    });
    const before = push.fake.requests('update').length;

    const answers = await Promise.all([1, 2, 3, 4].map((n) => call('PATCH', `/v1/media-push/${id}`, { rtmpUrl: `rtmp://live.example.com/app/concurrent-${n}` })));

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200]);
    expect(overlapped).toBe(false);
    const sequences = push.fake.requests('update').slice(before).map((request) => Number(request.query.get('sequence')));
    expect(sequences).toHaveLength(4);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(4);
  });

  it('lists the caller’s converters per project and per channel, narrowed by region, never with Agora’s rtmpUrl', async () => {
    push.fake.pageSize = 2;
    const mine = [(await create(RAW)).json(), (await create({ ...RAW, channel: 'list-room' })).json(), (await create({ ...TRANSCODED, channel: 'list-room' })).json()];

    const all = await call('GET', '/v1/media-push');
    const room = await call('GET', '/v1/media-push?channel=list-room');
    const europe = await call('GET', '/v1/media-push?channel=list-room&region=eu');

    expect(all.statusCode).toBe(200);
    const ids = (answer: typeof all) => answer.json<{ converters: { id: string }[] }>().converters.map((converter) => converter.id);
    expect(ids(all)).toEqual(expect.arrayContaining(mine.map((converter) => converter.id)));
    expect(ids(room).sort()).toEqual([mine[1].id, mine[2].id].sort());
    expect(ids(europe)).toEqual([mine[2].id]);
    expect(push.fake.agora.requestsTo(`/v1/projects/${TEST_APP_ID}/channels/list-room/rtmp-converters`)).not.toHaveLength(0);
    expect(push.fake.requests('list').some((request) => request.query.get('cursor') === '2')).toBe(true);
    expect(room.json().converters[0]).toEqual({
      id: expect.any(String),
      project: 'default',
      channel: 'list-room',
      region: expect.stringMatching(/^(ap|eu)$/),
      converterId: expect.any(String),
      name: expect.any(String),
      mode: expect.stringMatching(/^(raw|transcoded)$/),
      state: 'running',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(all.body).not.toContain('rtmp');
    push.fake.pageSize = 500;
  });

  it('deletes a converter; afterwards it is gone for get, update, delete and lists', async () => {
    const { id, converterId } = (await create(RAW)).json();

    const deleted = await call('DELETE', `/v1/media-push/${id}`);

    expect(deleted.statusCode).toBe(204);
    expect(push.fake.requests('delete').at(-1)!.path).toBe(`/ap/v1/projects/${TEST_APP_ID}/rtmp-converters/${converterId}`);
    for (const [method, payload] of [['GET'], ['PATCH', { rtmpUrl: 'rtmp://live.example.com/app/k' }], ['DELETE']] as const) {
      const answer = await call(method, `/v1/media-push/${id}`, payload);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().detail).toBe('Agora no longer has this converter: it has ended.');
    }
    const listed = (await call('GET', '/v1/media-push')).json<{ converters: { id: string }[] }>().converters;
    expect(listed.map((converter) => converter.id)).not.toContain(id);
  });

  it('refuses changes Agora cannot make to a converter’s kind (409) and an empty change (400), before calling Agora', async () => {
    const raw = (await create(RAW)).json();
    const vertical = (
      await create({ ...RAW, rtcStreamUid: undefined, audioOptions: {}, videoOptions: { canvas: { width: 720, height: 1280 }, layoutType: 1, vertical: { maxResolutionUid: 201 }, bitrate: 800 } })
    ).json();
    const before = push.fake.requests('update').length;

    const rawVideo = await call('PATCH', `/v1/media-push/${raw.id}`, { videoOptions: { bitrate: 500 } });
    const verticalJitter = await call('PATCH', `/v1/media-push/${vertical.id}`, { jitterBufferSizeMs: 100 });
    const empty = await call('PATCH', `/v1/media-push/${raw.id}`, {});

    expect([rawVideo.statusCode, verticalJitter.statusCode, empty.statusCode]).toEqual([409, 409, 400]);
    expect(push.fake.requests('update')).toHaveLength(before);
    expect((await call('PATCH', `/v1/media-push/${vertical.id}`, { rtmpUrl: 'rtmp://live.example.com/app/v2' })).statusCode).toBe(200);
  });

  it('answers Agora’s refusals as problems: a taken name 409, an overtaken sequence 409, failing hosts 502', async () => {
    const { id } = (await create(RAW)).json();
    push.fake.on('create', { status: 409, body: { message: 'Resource with the same name already exists.' } }, push.fake.responder('create'));
    const taken = await create(RAW);
    push.fake.on('update', { status: 409, body: { message: 'sequence conflict' } }, push.fake.responder('update'));
    const overtaken = await call('PATCH', `/v1/media-push/${id}`, { rtmpUrl: 'rtmp://live.example.com/app/k2' });
    push.fake.on('get', ...Array<object>(4).fill({ status: 503, body: { message: 'busy' } }), push.fake.responder('get'));
    const failing = await call('GET', `/v1/media-push/${id}`);
    const deletes = push.fake.requests('delete').length;
    push.fake.on('delete', { delayMs: 30, destroy: true }, push.fake.responder('delete'));
    const broken = await call('DELETE', `/v1/media-push/${id}`);

    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toBe('Agora already runs a converter with this name in the project.');
    expect(overtaken.statusCode).toBe(409);
    expect(overtaken.json().detail).toMatch(/send it again/);
    expect(failing.statusCode).toBe(502);
    expect(failing.json().upstream).toEqual({ status: 503 });
    // A get is safe to repeat: four attempts, all in the converter's region. A delete is not: one attempt.
    expect(push.fake.requests('get').slice(-4).every((request) => request.path.startsWith('/ap/'))).toBe(true);
    expect(broken.statusCode).toBe(502);
    expect(push.fake.requests('delete')).toHaveLength(deletes + 1);
  });

  it('waits for a slow host and repeats a read after a transient failure', async () => {
    const { id } = (await create(RAW)).json();
    push.fake.on('get', { status: 503, body: { message: 'busy' } }, { delayMs: 40, status: 500 }, push.fake.responder('get'));

    const answer = await call('GET', `/v1/media-push/${id}`);

    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual(expect.objectContaining({ id, state: 'running', rtcStreamUid: 201 }));
  });
});
