import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken, type DecodedToken } from './support/decode-token.js';
import { postJson } from './support/http.js';
import { fieldErrors } from './support/legacy-tokens.js';
import { createTestApp } from './support/test-app.js';

/** Every field of every /v1 body, with a valid value; `privileges` holds every nested field. */
const V1: Record<string, Record<string, unknown>> = {
  '/v1/rtc/token': { channel: 'room', uid: 42, privileges: { joinChannel: 600, publishAudio: 60, publishVideo: 60, publishData: 60 }, expireSeconds: 600 },
  '/v1/rtc/token#account': { channel: 'room', account: 'alice', role: 'publisher', expireSeconds: 600 },
  '/v1/rtm/token': { userId: 'alice', channel: 'room', expireSeconds: 600 },
  '/v1/chat/token': { userId: 'alice', expireSeconds: 600 },
};
const urlOf = (key: string) => key.split('#')[0];

/** The dotted names of a body's fields, nested ones included. */
function fieldsOf(body: Record<string, unknown>, parent = ''): string[] {
  return Object.entries(body).flatMap(([key, value]) => {
    const name = parent ? `${parent}.${key}` : key;
    return typeof value === 'object' && value !== null ? [name, ...fieldsOf(value as Record<string, unknown>, name)] : [name];
  });
}

/** A deep copy of `body` with `value` at the dotted `path`. */
function withAt(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((object, key) => object[key] as Record<string, unknown>, copy);
  // defineProperty, not assignment: a key such as __proto__ must become an own field of the JSON.
  Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A valid body for each of the community servers' JSON routes. */
const LEGACY_BODIES: Record<string, Record<string, unknown>> = {
  '/getToken': { tokenType: 'rtc', channel: 'room', uid: '42', role: 'publisher', expire: 600 },
  '/token/getNew': { tokenType: 'chat', uid: 'alice', expire: 600 },
  '/rtctoken': { isPublisher: true, channel: 'room' },
  '/rtmtoken': { user: 'alice' },
  '/fetch_rtm_token': { uid: 'alice' },
};

/** Names every object inherits: a body naming one asks for something the DTO does not declare. */
const INHERITED = Object.getOwnPropertyNames(Object.prototype);

/** What a token grants, without its salt and issue time. */
const meaning = ({ rtc, rtm, chat, expire, serviceCount }: DecodedToken) => ({ rtc, rtm, chat, expire, serviceCount });

describe('null and undeclared fields (e2e)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('refuses null in any /v1 field, at any depth, with a 400 naming each null field', async () => {
    const bodyWithNulls = fc.constantFrom(...Object.keys(V1)).chain((route) =>
      fc.subarray(fieldsOf(V1[route]), { minLength: 1 }).map((nulls) => ({ route, nulls })),
    );
    await fc.assert(
      fc.asyncProperty(bodyWithNulls, async ({ route, nulls }) => {
        // A null parent hides its children: only the outermost null fields are named.
        const outermost = nulls.filter((field) => !nulls.some((other) => field.startsWith(`${other}.`)));
        const body = outermost.reduce((current, field) => withAt(current, field, null), V1[route]);
        const errors = fieldErrors(await postJson(app, urlOf(route), body));
        for (const field of outermost) {
          expect(errors).toContainEqual({ field, message: `${field} must not be null; leave it out or send a value` });
        }
        expect(errors.map(({ field }) => field).sort()).toEqual([...new Set(errors.map(({ field }) => field))].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an undeclared field named like an Object.prototype member, at any depth, as any other', async () => {
    const placement = fc.record({
      route: fc.constantFrom(...Object.keys(V1), ...Object.keys(LEGACY_BODIES)),
      name: fc.constantFrom(...INHERITED.filter((name) => name !== '__proto__')),
      nested: fc.boolean(),
      // A `__proto__` key inside the value is refused by the JSON parser first, naming `__proto__`: the next test's case.
      value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant({ prototype: {} })).filter((value) => !JSON.stringify(value).includes('"__proto__"')),
    });
    await fc.assert(
      fc.asyncProperty(placement, async ({ route, name, nested, value }) => {
        const inPrivileges = nested && route === '/v1/rtc/token';
        const body = withAt(V1[route] ?? LEGACY_BODIES[route], inPrivileges ? `privileges.${name}` : name, value);
        const errors = fieldErrors(await postJson(app, urlOf(route), body));
        expect(errors).toEqual([{ field: inPrivileges ? `privileges.${name}` : name, message: `property ${name} should not exist` }]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses __proto__ at any depth, on every JSON route, before anything copies the body', async () => {
    for (const [route, body] of [...Object.entries(V1), ['/getToken', { tokenType: 'chat' }]] as const) {
      for (const path of ['__proto__', ...(route === '/v1/rtc/token' ? ['privileges.__proto__'] : [])]) {
        const errors = fieldErrors(await postJson(app, urlOf(route), withAt(body, path, { publishAudio: 1 })));
        expect(errors).toEqual([{ field: '__proto__', message: 'property __proto__ should not exist' }]);
      }
    }
  });

  it('reads null as a left-out field on the community servers’ JSON routes, as they did', async () => {
    const LEGACY: Array<{ url: string; body: Record<string, unknown>; tokenOf: (json: Record<string, string>) => string }> = [
      { url: '/getToken', body: { tokenType: 'rtc', channel: 'room', uid: '42', role: 'publisher', expire: 600 }, tokenOf: (json) => json.token },
      { url: '/getToken', body: { tokenType: 'rtm', uid: 'alice', channel: 'room', expire: 600 }, tokenOf: (json) => json.token },
      { url: '/getToken', body: { tokenType: 'chat', uid: 'alice', expire: 600 }, tokenOf: (json) => json.token },
      { url: '/rtctoken', body: { isPublisher: true, channel: 'room' }, tokenOf: (json) => json.token },
      { url: '/rtmtoken', body: { user: 'alice' }, tokenOf: (json) => json.token },
      { url: '/fetch_rtm_token', body: { uid: 'alice' }, tokenOf: (json) => json.token },
    ];
    const case_ = fc.constantFrom(...LEGACY).chain((legacy) => fc.subarray(Object.keys(legacy.body)).map((nulls) => ({ ...legacy, nulls })));
    await fc.assert(
      fc.asyncProperty(case_, async ({ url, body, tokenOf, nulls }) => {
        const withNulls = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, nulls.includes(key) ? null : value]));
        const withoutThem = Object.fromEntries(Object.entries(body).filter(([key]) => !nulls.includes(key)));
        const [sent, omitted] = await Promise.all([postJson(app, url, withNulls), postJson(app, url, withoutThem)]);
        expect(sent.statusCode).toBe(omitted.statusCode);
        if (omitted.statusCode === 200) {
          // /rtctoken picks a random uid when the body names none: compare the rest.
          const [a, b] = [sent, omitted].map((response) => meaning(decodeToken(tokenOf(response.json()))));
          if (url === '/rtctoken') [a, b].forEach((token) => token.rtc && (token.rtc.uid = 'random'));
          expect(a).toEqual(b);
        } else if (omitted.statusCode !== 200) {
          expect(sent.json().errors).toEqual(omitted.json().errors);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('gives "expire": null the default lifetime on POST /getToken, as the Go server did', async () => {
    const response = await postJson(app, '/getToken', { tokenType: 'rtm', uid: 'alice', expire: null });
    expect(response.statusCode).toBe(200);
    expect(decodeToken(response.json().token).expire).toBe(3600);
  });
});
