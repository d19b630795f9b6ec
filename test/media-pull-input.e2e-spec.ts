import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { illFormedText } from './support/bad-text.js';
import { decodeToken } from './support/decode-token.js';
import type { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';

const STREAM = 'https://media.example.com/live/show.flv';
const CHANNEL_CHARS = 'abcXYZ019 !#$%&()+-:;<=.>?@[]^_{|}~,';

/**
 * What media pull takes: any channel and account Agora allows and any RTMP/HTTP(S) stream URL; every bad value of
 * every field is a 400 problem naming it (never a 5xx), and Agora hears only of a request the service accepted.
 */
describe('Media pull: the requests it takes and refuses (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;
  let id: string;

  beforeAll(async () => {
    pull = await startMediaPullApp();
    ({ fake, app, headers } = pull);
    id = (await app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'input-room', streamUrl: STREAM } })).json<{ id: string }>().id;
  });
  afterAll(() => pull.close());

  const create = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: payload as object });

  it('plays any channel and account of Agora’s characters, from any RTMP, HTTP or HTTPS URL, with a token for them', async () => {
    const text = (max: number) => fc.string({ unit: fc.constantFrom(...CHANNEL_CHARS), minLength: 1, maxLength: max });
    const url = fc.tuple(fc.constantFrom('rtmp', 'http', 'https', 'HTTPS'), fc.webUrl({ withQueryParameters: true, withFragments: false })).map(([scheme, web]) => web.replace(/^https?/, scheme));
    await fc.assert(
      fc.asyncProperty(text(63), text(255), url.filter((value) => Buffer.byteLength(value) <= 1024), async (channel, account, streamUrl) => {
        const answer = await create({ channel, account, streamUrl });
        expect(answer.statusCode).toBe(201);
        const sent = (fake.requests('create').at(-1)!.body as { player: { channelName: string; account: string; streamUrl: string; token: string } }).player;
        expect(sent).toEqual(expect.objectContaining({ channelName: channel, account, streamUrl }));
        expect(decodeToken(sent.token).rtc).toEqual(expect.objectContaining({ channel, uid: account }));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses every bad value of each create field with a 400 naming it, and calls Agora for none', async () => {
    const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const notInteger = fc.oneof(fc.double({ noInteger: true }), fc.string(), fc.boolean(), fc.constant(null));
    const bad: Record<string, fc.Arbitrary<unknown>> = {
      channel: fc.oneof(notString, fc.constant(''), fc.string({ minLength: 64, maxLength: 80, unit: fc.constantFrom('a', 'b') }), fc.string({ minLength: 1 }).filter((value) => !/^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]+$/.test(value)), illFormedText),
      streamUrl: fc.oneof(
        notString,
        fc.string({ maxLength: 30 }).filter((value) => !/^(rtmp|https?):\/\//i.test(value)),
        fc.webUrl().map((web) => web.replace(/^https?/, 'ftp')),
        fc.webUrl().map((web) => `${web}/${'x'.repeat(1024)}`),
        fc.constantFrom('rtmp://', 'http://', 'https:// host/x', 'rtmp://host/a b', 'http://h\tx'),
      ),
      uid: fc.oneof(notInteger, fc.constant(0), fc.integer({ max: -1 }), fc.integer({ min: 2 ** 32, max: 2 ** 40 })),
      account: fc.oneof(notString, fc.constant(''), fc.string({ minLength: 256, maxLength: 300, unit: fc.constantFrom('a') }), fc.constantFrom('tab\tname', 'slash/name', 'é')),
      region: fc.oneof(notString, fc.string({ maxLength: 4 }).filter((value) => !['na', 'eu', 'ap', 'cn'].includes(value)), fc.constantFrom('NA', 'us')),
      idleTimeoutSeconds: fc.oneof(notInteger, fc.integer({ max: 4 }), fc.integer({ min: 601 })),
      repeatTime: fc.oneof(notInteger, fc.constant(0), fc.integer({ max: -2 })),
      seekPosition: fc.oneof(notInteger, fc.integer({ max: -1 })),
      audioOptions: fc.oneof(notString.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)), fc.record({ profile: fc.oneof(fc.integer({ min: 6 }), fc.integer({ max: -1 })) })),
      videoOptions: fc.oneof(fc.record({ width: fc.integer({ max: 65 }) }), fc.record({ height: fc.integer({ min: 1081 }) }), fc.record({ codec: fc.string() }), fc.record({ fillMode: fc.constant('stretch') }), fc.record({ bitrate: fc.integer({ min: 10_001 }) })),
      streamOriginIp: fc.oneof(notString, fc.ipV6(), fc.domain(), fc.constantFrom('256.1.1.1', '1.2.3', '01.2.3.4')),
      playTs: fc.oneof(notInteger, fc.integer({ max: 0 }), fc.constant(2 ** 41)),
      token: fc.string({ minLength: 1 }),
      encryptKey: fc.string(),
    };
    const field = fc.constantFrom(...Object.keys(bad));
    await fc.assert(
      fc.asyncProperty(field.chain((name) => fc.tuple(fc.constant(name), bad[name])), async ([name, value]) => {
        const before = fake.requests('create').length;
        const answer = await create({ channel: 'room', streamUrl: STREAM, [name]: value });
        expect(answer.statusCode).toBe(400);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.json<{ errors: Array<{ field: string }> }>().errors.map((error) => error.field.split('.')[0])).toContain(name);
        expect(fake.requests('create').length).toBe(before);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses a uid with an account, a body that is not an object, and an update that changes nothing or something wrong', async () => {
    expect((await create({ channel: 'room', streamUrl: STREAM, uid: 5, account: 'a' })).statusCode).toBe(400);
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const answer = await app.inject({ method: 'POST', url: '/v1/media-pull', headers: { ...headers, 'content-type': 'application/json' }, payload });
      expect(answer.json()).toEqual(expect.objectContaining({ status: 400, errors: [{ field: 'body', message: 'the request body must be a JSON object' }] }));
    }
    const badUpdate = fc.oneof(
      fc.constant({}),
      fc.record({ volume: fc.oneof(fc.integer({ min: 201 }), fc.integer({ max: -1 }), fc.string()) }),
      fc.record({ paused: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({ seekPosition: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true })) }),
      fc.record({ streamUrl: fc.string({ maxLength: 20 }) }),
      fc.record({ isPause: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(badUpdate, async (payload) => {
        const before = fake.requests('update').length;
        const answer = await app.inject({ method: 'PATCH', url: `/v1/media-pull/${id}`, headers, payload });
        expect(answer.statusCode).toBe(400);
        expect(fake.requests('update').length).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('answers any id that is not one of the caller’s players with a 404, and bad list filters with a 400', async () => {
    const idChar = fc.constantFrom(...'abcXYZ019-_.~%');
    await fc.assert(
      // '.' and '..' are path segments the router resolves, not ids.
      fc.asyncProperty(fc.string({ unit: idChar, minLength: 1, maxLength: 300 }).filter((other) => other !== '.' && other !== '..'), async (other) => {
        const answer = await app.inject({ method: 'GET', url: `/v1/media-pull/${encodeURIComponent(other)}`, headers });
        expect([404, 400]).toContain(answer.statusCode);
        if (answer.statusCode === 404) expect(answer.json<{ detail: string }>().detail).toBe('No player of yours has this id.');
      }),
      { numRuns: 50 },
    );
    for (const query of ['region=xx', 'channel=', 'channel=a&channel=b', 'project=%20', 'appId=123', 'other=1', `channel=${'a'.repeat(64)}`]) {
      const answer = await app.inject({ method: 'GET', url: `/v1/media-pull?${query}`, headers });
      expect({ query, status: answer.statusCode }).toEqual({ query, status: 400 });
    }
  });
});
