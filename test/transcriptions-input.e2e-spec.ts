import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { illFormedText } from './support/bad-text.js';
import type { FakeAgoraStt } from './support/fake-agora-stt.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';

/** Values of the wrong JSON type for a field that wants `kind`. */
const notA = (kind: 'string' | 'array' | 'object' | 'integer') =>
  fc.oneof(
    ...[
      kind !== 'string' ? fc.string({ maxLength: 5 }) : fc.integer(),
      kind !== 'array' ? fc.array(fc.integer(), { maxLength: 2 }) : fc.boolean(),
      kind !== 'object' ? fc.constant({}) : fc.constant('{}'),
      fc.constant(null),
      fc.double({ noInteger: true, noNaN: true }),
    ].filter((arbitrary) => arbitrary !== undefined),
  );
const badChannel = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 64, maxLength: 80, unit: fc.constantFrom('a', 'b', '1') }),
  fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('/', '\\', '"', '\'', '*', '`', 'é', '\n', '\u0000'), fc.string({ maxLength: 5 })).map(([a, c, b]) => a + c + b),
  illFormedText,
  notA('string'),
);
const language = fc.constantFrom('en-US', 'es-ES', 'ja-JP', 'fr-FR', 'de-DE', 'zh-CN', 'hi-IN');
/** Well-formed language codes, as many as wanted (Agora's list is longer than `language`'s). */
const codes = (count: number) => Array.from({ length: count }, (_, at) => `x${String.fromCharCode(97 + at)}-ZZ`);
const badLanguage = fc.oneof(fc.constantFrom('', 'EN-us', 'english', 'e', 'en_US', 'en-', '-US', 'en-US-x-very-long-tag'), illFormedText, fc.integer());
const badLanguages = fc.oneof(
  fc.constant([]),
  fc.integer({ min: 5, max: 8 }).map(codes),
  fc.tuple(language).map(([one]) => [one, one]),
  badLanguage.map((bad) => ['en-US', bad]),
  notA('array'),
);
const badUid = fc.oneof(fc.constantFrom('0', '-1', '4294967296', '01', '1.5', 'alice', '', 'all'), fc.integer({ min: 1, max: 100 }), fc.bigInt({ min: 4294967296n }).map(String));
const uids = (min: number, max: number) => fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 32 - 1 }).map(String), { minLength: min, maxLength: max });
const badTranslate = fc.oneof(
  notA('object'),
  fc.constant({}),
  fc.constant({ languages: [] }),
  language.map((source) => ({ languages: [{ source, target: [source] }] })),
  fc.constant({ languages: [{ source: 'en-US', target: ['de-DE', 'de-DE'] }] }),
  fc.integer({ min: 11, max: 14 }).map((count) => ({ languages: [{ source: 'en-US', target: codes(count) }] })),
  fc.constant({ languages: Array.from({ length: 5 }, () => ({ source: 'en-US', target: ['de-DE'] })) }),
  badLanguage.map((source) => ({ languages: [{ source, target: ['de-DE'] }] })),
  fc.constant({ languages: [{ source: 'en-US', target: ['de-DE'], extra: 1 }] }),
);

/** One bad field of a create body, with the field the 400 must name. */
const badCreate = fc.oneof(
  badChannel.map((channel) => ({ field: 'channel', body: { channel } })),
  badLanguages.map((languages) => ({ field: 'languages', body: { languages } })),
  badUid.map((uid) => ({ field: 'subscribeAudioUids', body: { subscribeAudioUids: ['42', uid] } })),
  uids(33, 40).map((list) => ({ field: 'subscribeAudioUids', body: { subscribeAudioUids: list } })),
  uids(6, 8).map((list) => ({ field: 'unsubscribeAudioUids', body: { unsubscribeAudioUids: list } })),
  uids(1, 3).map((list) => ({ field: 'subscribeAudioUids', body: { subscribeAudioUids: list, unsubscribeAudioUids: ['7'] } })),
  badTranslate.map((translate) => ({ field: 'translate', body: { translate } })),
  fc.oneof(fc.constantFrom('', 'no spaces', 'x'.repeat(65), '../etc'), notA('string')).map((captions) => ({ field: 'captions', body: { captions } })),
  fc.oneof(fc.integer({ max: 4 }), fc.integer({ min: 2_592_001 }), fc.double({ min: 5, max: 100, noInteger: true }), fc.constant('60')).map((maxIdleSeconds) => ({ field: 'maxIdleSeconds', body: { maxIdleSeconds } })),
  fc.constantFrom('0'.repeat(31), 'g'.repeat(32), '').map((appId) => ({ field: 'appId', body: { appId } })),
  fc.constantFrom('captionConfig', 'rtcConfig', 'name', 'pubBotToken', 'storageConfig').map((extra) => ({ field: extra, body: { [extra]: { secretKey: 'x' } } })),
);

/**
 * Every class of bad input to /v1/transcriptions gets a 400 problem naming the field, never a 5xx, and Agora never
 * hears of it: channels, languages, uid lists, translations, caption profiles, idle times, projects, unknown fields,
 * updates and list queries alike.
 */
describe('Real-time transcription: bad input is a 400, never a 5xx (e2e, fake Agora)', () => {
  let stt: TranscriptionApp;
  let fake: FakeAgoraStt;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;
  let id: string;

  beforeAll(async () => {
    stt = await startTranscriptionApp();
    ({ fake, app } = stt);
    headers = stt.keys.transcriber.headers;
    id = (await app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload: { channel: 'input', languages: ['en-US'] } })).json<{ id: string }>().id;
  });
  afterAll(() => stt.close());

  const expectProblem = (answer: { statusCode: number; headers: Record<string, unknown>; json(): any }, field: string) => {
    expect({ status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ status: 400, type: expect.stringContaining('application/problem+json') });
    expect(answer.json().errors.map((error: { field: string }) => error.field.split(/[.[]/)[0])).toContain(field);
  };

  it('refuses each bad field of a start, naming it, before Agora hears of it', async () => {
    await fc.assert(
      fc.asyncProperty(badCreate, async ({ field, body }) => {
        const before = fake.agora.requests.length;
        const answer = await app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload: { channel: 'input', languages: ['en-US'], ...body } });
        expectProblem(answer, field);
        expect(fake.agora.requests.length).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses each bad field of an update, naming it, before Agora hears of it', async () => {
    const badUpdate = fc.oneof(
      badLanguages.map((languages) => ({ field: 'languages', body: { languages } })),
      fc.oneof(badUid.filter((uid) => uid !== 'all'), fc.constant('all')).map((uid) => ({ field: 'subscribeAudioUids', body: { subscribeAudioUids: ['42', uid] } })),
      badTranslate.filter((translate) => JSON.stringify(translate) !== '{}').map((translate) => ({ field: 'translate', body: { translate } })),
      fc.oneof(fc.constant('yes'), fc.integer()).map((enable) => ({ field: 'translate', body: { translate: { enable } } })),
      fc.constantFrom('unsubscribeAudioUids', 'channel', 'maxIdleSeconds').map((extra) => ({ field: extra, body: { [extra]: ['7'] } })),
      fc.constant({ field: 'body', body: {} }),
    );
    await fc.assert(
      fc.asyncProperty(badUpdate, async ({ field, body }) => {
        const before = fake.agora.requests.length;
        expectProblem(await app.inject({ method: 'PATCH', url: `/v1/transcriptions/${id}`, headers, payload: body }), field);
        expect(fake.agora.requests.length).toBe(before);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a list without a valid channel, or with parameters it does not take', async () => {
    const badQuery = fc.oneof(
      badChannel.filter((channel) => typeof channel === 'string' && channel.isWellFormed()).map((channel) => ({ field: 'channel', query: `channel=${encodeURIComponent(channel as string)}` })),
      fc.constant({ field: 'channel', query: '' }),
      fc.constant({ field: 'channel', query: 'channel=a&channel=b' }),
      fc.constantFrom('state', 'cursor', 'owner').map((name) => ({ field: name, query: `channel=ok&${name}=1` })),
      fc.constantFrom('bad name', 'x'.repeat(65)).map((project) => ({ field: 'project', query: `channel=ok&project=${encodeURIComponent(project)}` })),
    );
    await fc.assert(
      fc.asyncProperty(badQuery, async ({ field, query }) => {
        expectProblem(await app.inject({ method: 'GET', url: `/v1/transcriptions?${query}`, headers }), field);
      }),
      { numRuns: 40 },
    );
  });

  it('takes every channel name Agora allows, and any 1 to 4 languages', async () => {
    const channel = fc.string({ minLength: 1, maxLength: 63, unit: fc.constantFrom(...'abcXYZ019 !#$%&()+-:;<=.>?@[]^_{|}~,') });
    await fc.assert(
      fc.asyncProperty(channel, fc.uniqueArray(language, { minLength: 1, maxLength: 4 }), async (name, languages) => {
        const answer = await app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload: { channel: name, languages } });
        expect(answer.statusCode).toBe(201);
        expect((fake.requests('join').at(-1)!.body as { rtcConfig: { channelName: string } }).rtcConfig.channelName).toBe(name);
      }),
      { numRuns: 25 },
    );
  });
});
