import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { startStreamKeysApp, type FakeAgoraStreamKeys, type StreamKeysApp } from './support/fake-agora-stream-keys.js';
import { respells } from './support/sealed-ids.js';

const VALID = { channel: 'live-stage', uid: 4242, expiresAfterSeconds: 600 };
/** Agora's channel (and string uid) characters. */
const AGORA_TEXT = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]+$/;
const notAgoraText = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).filter((text) => !AGORA_TEXT.test(text));
const notWhole = fc.oneof(fc.double({ noInteger: true }), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 }));

/** Each request field with values of the classes it must refuse: wrong type, out of range, past a byte limit, foreign characters. */
const BAD_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  channel: fc.oneof(notAgoraText, fc.constant(''), fc.string({ minLength: 64, maxLength: 90, unit: fc.constantFrom('a', 'Z', '9', '-') }), fc.integer(), fc.constant(null)),
  uid: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 4_294_967_296, max: Number.MAX_SAFE_INTEGER }), notWhole),
  account: fc.oneof(notAgoraText, fc.constant(''), fc.string({ minLength: 256, maxLength: 300, unit: fc.constantFrom('a', '_') }), fc.integer(), fc.constant(null)),
  expiresAfterSeconds: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }), notWhole, fc.constant(undefined)),
  region: fc.string({ maxLength: 6 }).filter((region) => !['na', 'eu', 'ap', 'cn'].includes(region)),
  project: fc.oneof(fc.string({ minLength: 65, maxLength: 70, unit: fc.constantFrom('a', 'b') }), notAgoraText.filter((text) => !/^[a-z0-9._-]+$/i.test(text))),
  appId: fc.oneof(fc.string({ minLength: 1, maxLength: 31, unit: fc.constantFrom(...'0123456789abcdef') }), fc.string({ minLength: 32, maxLength: 32 }).filter((text) => !/^[0-9a-f]{32}$/i.test(text))),
};

/**
 * Bad input is the caller's mistake: a 400 problem naming the field (or a 404 for a string that is no id), never a
 * 5xx, and never a call to Agora.
 */
describe('Stream keys: bad input (e2e, property)', () => {
  let keys: StreamKeysApp;
  let app: NestFastifyApplication;
  let fake: FakeAgoraStreamKeys;

  beforeAll(async () => {
    keys = await startStreamKeysApp();
    ({ app, fake } = keys);
  });
  afterAll(() => keys.close());

  const problem = (answer: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }) => ({
    status: answer.statusCode,
    type: String(answer.headers['content-type']).split(';')[0],
    fields: answer.json<{ errors?: { field: string }[] }>().errors?.map(({ field }) => field) ?? [],
  });

  it('refuses a bad value in any field of a creation with a 400 naming it, before Agora hears of it', async () => {
    const before = fake.requests('create').length;
    const bad = fc.constantFrom(...Object.keys(BAD_FIELDS)).chain((field) => BAD_FIELDS[field].map((value) => ({ field, value })));
    await fc.assert(
      fc.asyncProperty(bad, async ({ field, value }) => {
        const payload = { ...VALID, ...(field === 'account' ? { uid: undefined } : {}), [field]: value };
        const answer = await app.inject({ method: 'POST', url: '/v1/stream-keys', headers: keys.headers, payload });

        expect(problem(answer)).toEqual({ status: 400, type: 'application/problem+json', fields: expect.arrayContaining([field]) });
      }),
      { numRuns: 150 },
    );
    expect(fake.requests('create').length).toBe(before);
  });

  it('refuses bodies that are no creation: both uid and account, unknown fields, not an object', async () => {
    const bodies = fc.oneof(
      fc.record({ account: fc.constantFrom('cam', '42') }).map((extra) => ({ ...VALID, ...extra })),
      fc.record({ streamKey: fc.string(), templateId: fc.string() }, { requiredKeys: [] }).filter((extra) => Object.keys(extra).length > 0).map((extra) => ({ ...VALID, ...extra })),
      fc.oneof(fc.array(fc.anything(), { maxLength: 3 }), fc.integer(), fc.string(), fc.constant(null)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const answer = await app.inject({ method: 'POST', url: '/v1/stream-keys', headers: { ...keys.headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(problem(answer)).toEqual(expect.objectContaining({ status: 400, type: 'application/problem+json' }));
      }),
      { numRuns: 60 },
    );
  });

  it('answers any string in an id’s place, altered ids included, with the 404 of an unknown id', async () => {
    const { id } = (await app.inject({ method: 'POST', url: '/v1/stream-keys', headers: keys.headers, payload: { ...VALID, uid: 77 } })).json<{ id: string }>();
    const altered = fc
      .tuple(fc.nat({ max: id.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.'))
      .map(([at, char]) => id.slice(0, at) + char + id.slice(at + 1))
      .filter((changed) => changed !== id && !respells(changed, id));
    // '.' and '..' are path segments the router resolves (to the list), not ids.
    const anything = fc
      .string({ minLength: 1, maxLength: 300 })
      .filter((text) => text !== '.' && text !== '..')
      .map((text) => encodeURIComponent(text));
    await fc.assert(
      fc.asyncProperty(fc.oneof(altered, anything), fc.constantFrom('GET' as const, 'DELETE' as const), async (candidate, method) => {
        const answer = await app.inject({ method, url: `/v1/stream-keys/${candidate}`, headers: keys.headers });
        expect({ status: problem(answer).status, type: problem(answer).type }).toEqual({ status: 404, type: 'application/problem+json' });
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a list query with a bad, repeated or unknown parameter with a 400 naming it', async () => {
    const query = fc.oneof(
      BAD_FIELDS.channel.filter((value): value is string => typeof value === 'string').map((value) => ({ field: 'channel', query: `channel=${encodeURIComponent(value)}` })),
      BAD_FIELDS.region.map((value) => ({ field: 'region', query: `region=${encodeURIComponent(value as string)}` })),
      fc.constantFrom('channel', 'region').map((field) => ({ field, query: `${field}=${field === 'region' ? 'na' : 'a'}&${field}=${field === 'region' ? 'eu' : 'b'}` })),
      fc.constantFrom('uid', 'streamKey', 'limit').map((field) => ({ field, query: `${field}=1` })),
    );
    await fc.assert(
      fc.asyncProperty(query, async ({ field, query: text }) => {
        const answer = await app.inject({ method: 'GET', url: `/v1/stream-keys?${text}`, headers: keys.headers });
        expect(problem(answer)).toEqual({ status: 400, type: 'application/problem+json', fields: [field] });
      }),
      { numRuns: 60 },
    );
  });
});
