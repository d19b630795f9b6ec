import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken } from './support/decode-token.js';
import { illFormedText, malformedEscape, notUtf8Bytes } from './support/bad-text.js';
import { fieldErrors } from './support/legacy-tokens.js';
import { createTestApp } from './support/test-app.js';

const ILL_FORMED = 'must be well-formed Unicode text (it contains a lone UTF-16 surrogate)';

/** A valid body for every JSON route, /v1 and legacy, and the string fields the service signs from it. */
const BODIES: Array<{ url: string; body: Record<string, unknown>; strings: string[] }> = [
  { url: '/v1/rtc/token', body: { channel: 'room', account: 'alice' }, strings: ['channel', 'account'] },
  { url: '/v1/rtm/token', body: { userId: 'alice', channel: 'room' }, strings: ['userId', 'channel'] },
  { url: '/v1/chat/token', body: { userId: 'alice' }, strings: ['userId'] },
  { url: '/getToken', body: { tokenType: 'rtc', channel: 'room', uid: 'alice', role: 'publisher' }, strings: ['tokenType', 'channel', 'uid', 'role'] },
  { url: '/token/getNew', body: { tokenType: 'rtm', uid: 'alice', channel: 'room' }, strings: ['uid', 'channel'] },
  { url: '/rtctoken', body: { channel: 'room' }, strings: ['channel'] },
  { url: '/rtmtoken', body: { user: 'alice' }, strings: ['user'] },
  { url: '/fetch_rtm_token', body: { uid: 'alice' }, strings: ['uid'] },
];

/** Query and path inputs of the legacy GET routes: `{}` marks where the tested text goes. */
const QUERIES = ['/access_token?channelName={}&uid=alice', '/access_token?channelName=room&uid={}', '/rtc/room/publisher/uid/42/?expiry={}', '/chat/app?expiry={}'];
const PATHS = ['/rtc/{}/publisher/uid/42/', '/rtc/room/publisher/userAccount/{}/', '/rtm/{}/', '/chat/account/{}/', '/rte/room/publisher/userAccount/{}/'];

/**
 * The service's one rule for text (README, "Input rules"): every string it reads, from a body,
 * a query or a path, is well-formed Unicode sent as UTF-8, or the request is a 400 naming where.
 */
describe('Text the service cannot sign as sent is refused (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

  it('answers a lone surrogate in any string field of any JSON route with a 400 naming the field', async () => {
    for (const { url, body, strings } of BODIES) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...strings), illFormedText, async (field, text) => {
          const response = await post(url, JSON.stringify({ ...body, [field]: text }));
          expect(fieldErrors(response)).toEqual([{ field, message: `${field} ${ILL_FORMED}` }]);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('finds a lone surrogate at any depth and in keys', async () => {
    const response = await post('/v1/rtc/token', JSON.stringify({ channel: 'room', privileges: { joinChannel: 60, x: ['\udc00'] } }));
    expect(fieldErrors(response)).toEqual([{ field: 'privileges.x[0]', message: `privileges.x[0] ${ILL_FORMED}` }]);
    const key = await post('/v1/rtc/token', JSON.stringify({ channel: 'room', ['a\ud800']: 1 }));
    expect(fieldErrors(key)).toEqual([{ field: 'body', message: `body ${ILL_FORMED}` }]);
  });

  it('signs surrogate pairs (well-formed text) as sent', async () => {
    const response = await post('/v1/rtc/token', JSON.stringify({ channel: 'room', account: 'a\ud83d\ude00b' }));
    expect(response.statusCode).toBe(200);
    expect(decodeToken(response.json().token).rtc?.uid).toBe('a😀b');
  });

  it('refuses a body whose bytes are not UTF-8, wherever they are, instead of signing U+FFFD', async () => {
    for (const { url, body, strings } of BODIES) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...strings), notUtf8Bytes, fc.nat(4), async (field, bytes, at) => {
          const text = String(body[field]);
          const marker = JSON.stringify({ ...body, [field]: `${text.slice(0, at)}\u0001${text.slice(at)}` });
          const [before, after] = marker.split('\\u0001');
          const response = await post(url, Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]));
          expect(fieldErrors(response)).toEqual([{ field: 'body', message: 'the request body must be UTF-8 text' }]);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('answers a query parameter that is not percent-encoded UTF-8 with a 400 naming it, never signing the escape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERIES), malformedEscape, fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', '1') }), async (template, escape, text) => {
        const url = template.replace('{}', `${text}${escape}`);
        const response = await app.inject({ method: 'GET', url, headers: { origin: 'https://app.example.test' } });
        const name = template.slice(0, template.indexOf('={}')).split(/[?&]/).pop();
        expect(response.statusCode).toBe(400);
        expect(String(response.headers['content-type'])).toContain('application/problem+json');
        // A browser can read it: the CORS and security headers of every answer are there.
        expect(response.headers['access-control-allow-origin']).toBe('*');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.json().errors).toEqual([{ field: name, message: `${name} must be percent-encoded UTF-8 text` }]);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses the same escapes in a path, by the same rule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), malformedEscape, async (template, escape) => {
        const response = await app.inject({ method: 'GET', url: template.replace('{}', `a${escape}`) });
        expect(response.statusCode).toBe(400);
        expect(String(response.headers['content-type'])).toContain('application/problem+json');
        // Never a token: the body is the problem, not the route's answer.
        expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
      }),
      { numRuns: 60 },
    );
  });

  it('decodes well-formed escapes in queries and paths alike, and signs the decoded text', async () => {
    // "." and ".." are not names in a path: HTTP clients resolve them away (RFC 3986 §5.2.4).
    const accounts = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((text) => text !== '.' && text !== '..');
    await fc.assert(
      fc.asyncProperty(accounts, async (account) => {
        const escaped = encodeURIComponent(account);
        const fromQuery = await app.inject({ method: 'GET', url: `/access_token?channelName=room&uid=${escaped}` });
        const fromPath = await app.inject({ method: 'GET', url: `/rtc/room/publisher/userAccount/${escaped}/` });
        const [query, path] = [fromQuery.json().token, fromPath.json().rtcToken].map((token: string) => decodeToken(token).rtc?.uid);
        // /access_token takes a canonical decimal as a uid, anything else as an account.
        expect(query).toBe(/^(0|[1-9]\d*)$/.test(account) ? String(Number(account)) : account);
        expect(path).toBe(account);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Legacy POST routes read JSON whatever the Content-Type; /v1 stays strict (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const anyMediaType = fc.oneof(
    fc.constantFrom(undefined, 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/octet-stream'),
    fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z+.-]{1,12}$/)).map(([type, subtype]) => `${type}/${subtype}`),
  );

  it('issues the token the JSON body asks for, with any media type or none', async () => {
    await fc.assert(
      fc.asyncProperty(anyMediaType, fc.constantFrom('/getToken', '/token/getNew'), async (contentType, url) => {
        const body = JSON.stringify({ tokenType: 'rtc', channel: 'room', uid: '42', role: 'publisher', expire: 600 });
        const response = await app.inject({ method: 'POST', url, payload: body, headers: contentType ? { 'content-type': contentType } : {} });
        expect(response.statusCode).toBe(200);
        const token = decodeToken(response.json().token);
        expect([token.rtc?.channel, token.rtc?.uid, token.expire]).toEqual(['room', '42', 600]);
      }),
      { numRuns: 40 },
    );
  });

  it('answers a body that is not JSON with a 400, whatever the media type', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/json']) {
      const response = await app.inject({
        method: 'POST',
        url: '/getToken',
        payload: 'tokenType=rtc&channel=room',
        headers: contentType ? { 'content-type': contentType } : {},
      });
      expect(response.statusCode).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
  });

  it('keeps /v1 strict: any other media type is a 415', async () => {
    await fc.assert(
      fc.asyncProperty(anyMediaType.filter((type) => type !== undefined), fc.constantFrom('/v1/rtc/token', '/v1/rtm/token', '/v1/chat/token'), async (contentType, url) => {
        const response = await app.inject({ method: 'POST', url, payload: '{"userId":"alice"}', headers: { 'content-type': contentType! } });
        expect(response.statusCode).toBe(415);
        expect(String(response.headers['content-type'])).toContain('application/problem+json');
      }),
      { numRuns: 30 },
    );
  });
});

describe('What only the JSON text shows (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const post = (url: string, text: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: text });
  /** A `\u` escape of a code unit, in either case, as JSON encoders other than JavaScript's write it. */
  const escapeOf = (code: number, upper: boolean) => `\\u${code.toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`;

  it('refuses a lone surrogate escape however it is cased', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0xd800, max: 0xdfff }), fc.boolean(), fc.constantFrom('userId', 'channel'), async (code, upper, field) => {
        const text = `{"userId":"alice","channel":"room","${field}":"a${escapeOf(code, upper)}b"}`.replace(`"${field}":"${field === 'userId' ? 'alice' : 'room'}",`, '');
        expect(fieldErrors(await post('/v1/rtm/token', text))).toEqual([{ field, message: `${field} ${ILL_FORMED}` }]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses __proto__ however its letters are escaped, naming it', async () => {
    const spelling = fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }).map((escaped) =>
      [...'__proto__'].map((char, at) => (escaped[at] ? escapeOf(char.charCodeAt(0), at % 2 === 0) : char)).join(''),
    );
    await fc.assert(
      fc.asyncProperty(spelling, fc.constantFrom('/v1/chat/token', '/getToken'), async (key, url) => {
        const errors = fieldErrors(await post(url, `{"${key}":{"userId":"x"}}`));
        expect(errors).toEqual([{ field: '__proto__', message: 'property __proto__ should not exist' }]);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a number literal that JSON would round to a whole number it does not mean', async () => {
    const rounded = fc.oneof(
      // 0.000…1 rounds to 0: uid 0 is "any user". Either sign, either case of the exponent.
      fc.tuple(fc.integer({ min: 324, max: 5000 }), fc.constantFrom('', '-'), fc.constantFrom('e', 'E')).map(([exponent, sign, e]) => ({
        raw: `${sign}1${e}-${exponent}`,
        field: 'uid',
      })),
      // n + a fraction too small for a double: rounds to n.
      fc.tuple(fc.integer({ min: 1, max: 4_294_967_294 }), fc.integer({ min: 17, max: 40 })).map(([n, zeros]) => ({ raw: `${n}.${'0'.repeat(zeros)}1`, field: 'uid' })),
      fc.tuple(fc.integer({ min: 1, max: 86_399 }), fc.integer({ min: 17, max: 40 })).map(([n, nines]) => ({ raw: `${n}.${'9'.repeat(nines)}`, field: 'expireSeconds' })),
    );
    await fc.assert(
      fc.asyncProperty(rounded, async ({ raw, field }) => {
        const errors = fieldErrors(await post('/v1/rtc/token', `{"channel":"room","${field}":${raw}}`));
        expect(errors).toEqual([{ field, message: expect.stringMatching(new RegExp(`^${field} must be exactly a whole number`)) }]);
      }),
      { numRuns: 80 },
    );
  });

  it('takes any spelling of a whole number as that number (compare numbers, not spellings)', async () => {
    const spelled = fc.tuple(fc.integer({ min: 0, max: 4_294_967_295 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })).map(([n, shift, zeros]) => {
      // n written as m × 10^shift with `zeros` trailing fraction zeros: 42 → 4.2e1, 42.000, 4200e-2…
      const digits = String(n);
      const point = Math.max(1, digits.length - shift);
      const mantissa = `${digits.slice(0, point)}.${digits.slice(point)}${'0'.repeat(zeros)}`.replace(/\.$/, zeros ? '.0' : '');
      return { n, raw: `${mantissa}e${digits.length - point}` };
    });
    await fc.assert(
      fc.asyncProperty(spelled, async ({ n, raw }) => {
        const response = await post('/v1/rtc/token', `{"channel":"room","uid":${raw}}`);
        expect(response.statusCode).toBe(200);
        expect(decodeToken(response.json().token).rtc?.uid).toBe(n === 0 ? '' : String(n));
      }),
      { numRuns: 60 },
    );
  });

  it('answers any nesting that fits in a body with a 400, without exhausting the stack', async () => {
    for (const inner of ['"\\ud800"', '1e-400', '"x"']) {
      const depth = 8000;
      const response = await post('/v1/chat/token', `{"x":${'['.repeat(depth)}${inner}${']'.repeat(depth)}}`);
      expect(response.statusCode).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
  });
});
