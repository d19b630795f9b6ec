import fc from 'fast-check';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';

const UINT32_MAX = 4_294_967_295;
const VALID = { channel: 'input-room', rtcStreamUid: 5, rtmpUrl: 'rtmp://live.example.com/app/input-key' };
const REGION = { xPos: 0, yPos: 0, zIndex: 1, width: 640, height: 360 };

/** Whether a string is a push URL the service must take (the rule, restated independently). */
const isPushUrl = (text: string) => /^rtmps?:\/\/[^/?#\s]+\/[^\s]*[^/\s?#]/.test(text) && text.length <= 1024 && /^[!-~]+$/.test(text);

const anyJson = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const badUid = fc.oneof(
  fc.integer({ min: -(2 ** 40), max: 0 }),
  fc.integer({ min: UINT32_MAX + 1, max: 2 ** 50 }),
  fc.double({ noInteger: true }),
  fc.string(),
  fc.constant(null),
);
const badRegionView = fc.oneof(
  fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1921 })).map((xPos) => ({ ...REGION, xPos })),
  fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 101 })).map((zIndex) => ({ ...REGION, zIndex })),
  fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true, min: 0, max: 1920 })).map((width) => ({ ...REGION, width })),
  fc.constant({ xPos: 0, yPos: 0, zIndex: 1, width: 10 }),
  anyJson,
);
const badLayout = fc.oneof(
  badRegionView.map((region) => [{ rtcStreamUid: 201, region }]),
  fc.constant([{ region: REGION }]),
  fc.constant([{ rtcStreamUid: 201, imageUrl: 'https://example.com/a.png', region: REGION }]),
  fc.constant([{ imageUrl: 'https://example.com/a.png', placeholderImageUrl: 'https://example.com/b.png', region: REGION }]),
  fc.constant(Array.from({ length: 33 }, () => ({ rtcStreamUid: 1, region: REGION }))),
  badUid.map((rtcStreamUid) => [{ rtcStreamUid, region: REGION }]),
  fc.string().filter((text) => !/^https?:\/\//.test(text)).map((imageUrl) => [{ imageUrl, region: REGION }]),
  fc.constantFrom('foo', 'x_axis', 'uid').map((key) => [{ rtcStreamUid: 1, region: REGION, [key]: 1 }]),
  // An empty layout is a blank canvas, which Agora takes.
  anyJson.filter((value) => !(Array.isArray(value) && value.length === 0)),
);
const badVideo = fc.oneof(
  badLayout.map((layout) => ({ canvas: { width: 1280, height: 720 }, bitrate: 1000, layout })),
  fc.constant({ canvas: { width: 1280, height: 720 }, bitrate: 1000 }),
  fc.constant({ canvas: { width: 1280, height: 720 }, bitrate: 1000, layoutType: 1 }),
  fc.constant({ canvas: { width: 1280, height: 720 }, bitrate: 1000, layout: [], vertical: {} }),
  fc.integer({ min: 1921 }).map((width) => ({ canvas: { width, height: 720 }, bitrate: 1000, layout: [] })),
  fc.integer({ max: 65 }).map((height) => ({ canvas: { width: 720, height }, bitrate: 1000, layout: [] })),
  fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 10_001 })).map((bitrate) => ({ canvas: { width: 720, height: 720 }, bitrate, layout: [] })),
  fc.constant({ layout: [], bitrate: 1000 }),
);
/** A valid custom layout, to check that what the rules allow does reach Agora unchanged. */
const goodView = fc.oneof(
  fc.record({ rtcStreamUid: fc.integer({ min: 1, max: UINT32_MAX }), region: fc.record({ xPos: fc.nat(1920), yPos: fc.nat(1920), zIndex: fc.nat(100), width: fc.integer({ min: 1, max: 1920 }), height: fc.integer({ min: 1, max: 1920 }) }) }),
  fc.record({ imageUrl: fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= 1024), region: fc.constant(REGION), fillMode: fc.constantFrom('fill', 'fit') }),
);

/** Bad input is a 400 problem naming the field, never a 5xx, and never reaches Agora. */
describe('Media push: input (e2e, property, fake Agora)', () => {
  let push: MediaPushApp;
  const create = (payload: unknown) => push.app.inject({ method: 'POST', url: '/v1/media-push', headers: push.headers.pusher, payload: payload as object });
  const refused = async (payload: unknown, field: RegExp) => {
    const before = push.fake.requests('create').length;
    const answer = await create(payload);
    expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 400, type: expect.stringContaining('application/problem+json') });
    expect(answer.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toContainEqual(expect.stringMatching(field));
    expect(push.fake.requests('create')).toHaveLength(before);
  };

  beforeAll(async () => {
    push = await startMediaPushApp();
  });
  afterAll(() => push.close());

  it('takes an RTMP(S) URL with a host and a stream key and refuses every other string as a 400 on rtmpUrl', async () => {
    const candidates = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.webUrl(),
      fc.webUrl().map((url) => url.replace(/^https?/, 'rtmp')),
      fc.tuple(fc.constantFrom('rtmp://', 'rtmps://', 'RTMP://', 'rtmp:/'), fc.string({ maxLength: 30 })).map(([scheme, rest]) => scheme + rest),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((tail) => `rtmp://live.example.com/app/${tail}`),
      fc.nat(40).map((extra) => `rtmp://live.example.com/app/${'k'.repeat(1024 - 28 + extra - 20)}`),
    );
    await fc.assert(
      fc.asyncProperty(candidates, async (rtmpUrl) => {
        if (isPushUrl(rtmpUrl)) {
          const answer = await create({ ...VALID, rtmpUrl });
          expect(answer.statusCode).toBe(201);
          expect((push.fake.requests('create').at(-1)!.body as { converter: { rtmpUrl: string } }).converter.rtmpUrl).toBe(rtmpUrl);
        } else await refused({ ...VALID, rtmpUrl }, /^rtmpUrl$/);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses any region but na, eu, ap and cn, any uid outside 1 to 4294967295, and bad timings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.oneof(fc.string(), anyJson).filter((region) => !['na', 'eu', 'ap', 'cn'].includes(region as string)).map((region) => [{ ...VALID, region }, /^region$/] as const),
          badUid.map((rtcStreamUid) => [{ ...VALID, rtcStreamUid }, /^rtcStreamUid$/] as const),
          fc.oneof(fc.integer({ max: 4 }), fc.integer({ min: 86_401 }), fc.double({ noInteger: true })).map((idleTimeOut) => [{ ...VALID, idleTimeOut }, /^idleTimeOut$/] as const),
          fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1001 })).map((jitterBufferSizeMs) => [{ ...VALID, jitterBufferSizeMs }, /^jitterBufferSizeMs$/] as const),
          fc.string().filter((ip) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)).map((regionHintIp) => [{ ...VALID, regionHintIp }, /^regionHintIp$/] as const),
          fc.constant([{ ...VALID, audioOptions: {} }, /^rtcStreamUid$/] as const),
          fc.constant([{ channel: 'x', rtmpUrl: VALID.rtmpUrl }, /^rtcStreamUid$/] as const),
          fc.constant([{ ...VALID, storage: 'x' }, /^storage$/] as const),
        ),
        async ([payload, field]) => refused(payload, field),
      ),
      { numRuns: 80 },
    );
  });

  it('refuses malformed canvases and layouts as 400s on videoOptions, and sends valid layouts to Agora as they are', async () => {
    await fc.assert(
      fc.asyncProperty(badVideo, async (videoOptions) => refused({ channel: 'layout-room', rtmpUrl: VALID.rtmpUrl, videoOptions }, /^videoOptions/)),
      { numRuns: 80 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(goodView, { minLength: 1, maxLength: 6 }), async (layout) => {
        const videoOptions = { canvas: { width: 1920, height: 1080 }, layout, bitrate: 2000 };
        const answer = await create({ channel: 'layout-room', rtmpUrl: VALID.rtmpUrl, videoOptions });
        expect(answer.statusCode).toBe(201);
        expect((push.fake.requests('create').at(-1)!.body as { converter: { transcodeOptions: unknown } }).converter.transcodeOptions).toEqual({ rtcChannel: 'layout-room', videoOptions });
      }),
      { numRuns: 25 },
    );
  });

  it('refuses bad updates and bad list queries as 400s naming the field, never reaching Agora', async () => {
    const { id } = (await create({ ...VALID, audioOptions: {}, rtcStreamUid: undefined, videoOptions: { canvas: { width: 720, height: 720 }, layout: [], bitrate: 900 } })).json<{ id: string }>();
    const updates = push.fake.requests('update').length;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string().map((rtmpUrl) => [{ rtmpUrl }, /^rtmpUrl$/] as const),
          badLayout.map((layout) => [{ videoOptions: { layout } }, /^videoOptions/] as const),
          fc.constantFrom('codec', 'codecProfile', 'layoutType', 'vertical').map((key) => [{ videoOptions: { [key]: 'H.264' } }, new RegExp(`^videoOptions\\.${key}$`)] as const),
          fc.constantFrom('name', 'idleTimeOut', 'channel', 'audioOptions', 'region').map((key) => [{ [key]: 1 }, new RegExp(`^${key}$`)] as const),
        ),
        async ([payload, field]) => {
          fc.pre(!isPushUrl((payload as { rtmpUrl?: string }).rtmpUrl ?? ''));
          const answer = await push.app.inject({ method: 'PATCH', url: `/v1/media-push/${id}`, headers: push.headers.pusher, payload: payload as object });
          expect(answer.statusCode).toBe(400);
          expect(answer.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toContainEqual(expect.stringMatching(field));
        },
      ),
      { numRuns: 60 },
    );
    expect(push.fake.requests('update')).toHaveLength(updates);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1 }).filter((region) => !['na', 'eu', 'ap', 'cn'].includes(region)).map((value) => ['region', value] as const),
          fc.string({ unit: 'grapheme', minLength: 64, maxLength: 80 }).map((value) => ['channel', value] as const),
          fc.string().filter((value) => !/^[0-9a-fA-F]{32}$/.test(value)).map((value) => ['appId', value] as const),
          fc.constant(['channel', ''] as const),
        ),
        async ([name, value]) => {
          const answer = await push.app.inject({ method: 'GET', url: `/v1/media-push?${name}=${encodeURIComponent(value)}`, headers: push.headers.pusher });
          expect([answer.statusCode, answer.json().errors?.[0]?.field]).toEqual([400, name]);
        },
      ),
      { numRuns: 40 },
    );
    const twice = await push.app.inject({ method: 'GET', url: '/v1/media-push?region=na&region=eu', headers: push.headers.pusher });
    expect([twice.statusCode, twice.json().errors]).toEqual([400, [{ field: 'region', message: 'region must be given once' }]]);
  });
});
