import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { postJson } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { schemaValidator, type OpenApiDocument } from './support/openapi-schemas.js';
import { createTestApp } from './support/test-app.js';
import { EXAMPLE_USER, expectGenuineToken, tokenRoutesOf, type TokenExample, type TokenRoute } from './support/token-examples.js';

/**
 * The token routes whose token end users may never get (KindPolicy.refusedToEndUsers), with the rule of
 * their 403: no request works for an end user there, so their default is for API keys, and says so.
 */
const REFUSED_TO_END_USERS: Record<string, string> = { '/v1/classroom/app-token': 'classroom-app' };

/**
 * Swagger UI sends a route's first request example as it stands when "Try it out" is executed: on every
 * token route of the served document, it works for an API key and for an end user alike, and each other
 * example works for the callers its summary names (`Any caller:`, `API keys:`, `End users:`).
 */
describe('Request examples of the token routes (e2e, AUTH_MODE=apikey,jwt)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  let routes: TokenRoute[];
  let validator: ReturnType<typeof schemaValidator>;
  const apiKey = newApiKey();

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile([{ id: 'swagger-ui', key: apiKey }]),
      RATE_LIMIT_PER_MINUTE: '1000000000',
    });
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json<OpenApiDocument>();
    routes = tokenRoutesOf(document);
    validator = schemaValidator(document);
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  /** Sends an example as an API key (no identity) or as the end user `identity`, and returns what came back. */
  async function send(route: TokenRoute, example: TokenExample, identity?: string) {
    const headers: Record<string, string> = identity === undefined ? { 'x-api-key': apiKey } : { authorization: `Bearer ${await jwks.sign({ sub: identity })}` };
    const response = await postJson(app, route.path, example.value, headers);
    return { path: route.path, example: example.key, status: response.statusCode, body: response.json<Record<string, unknown>>() };
  }

  /** Asserts a 200 the document describes, with a genuine token (for the end user `identity`, theirs alone). */
  async function expectIssued(route: TokenRoute, example: TokenExample, identity?: string): Promise<void> {
    const { body, ...answer } = await send(route, example, identity);
    const validate = validator(route.response);

    expect({ ...answer, errors: validate(body) ? [] : validate.errors, detail: body.detail }).toEqual({ ...answer, status: 200, errors: [], detail: undefined });
    expectGenuineToken(body, identity);
  }

  it('finds every token route in the document, each example saying whom it is for and valid against the request schema', () => {
    expect(routes.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['/v1/rtc/token', '/v1/rtm/token', '/v1/chat/token', '/v1/fpa/token', '/v1/classroom/token',
        '/v1/classroom/user-token', '/v1/classroom/app-token', '/v1/rtc-rtm/token', '/v1/convoai/token', '/v1/stt/token']),
    );
    for (const route of routes) {
      expect({ path: route.path, examples: route.examples.length > 0 }).toEqual({ path: route.path, examples: true });
      for (const { key, summary, callers, value } of route.examples) {
        const validate = validator(route.request);
        expect({ path: route.path, key, summary, saysWho: callers !== undefined, errors: validate(value) ? [] : validate.errors })
          .toEqual({ path: route.path, key, summary, saysWho: true, errors: [] });
      }
    }
  });

  it('answers the default example of every token route with a token, for an API key and for an end user', async () => {
    for (const route of routes) {
      const [fallback] = route.examples;
      const refusal = REFUSED_TO_END_USERS[route.path];

      expect({ path: route.path, callers: fallback.callers }).toEqual({ path: route.path, callers: refusal ? 'API keys' : 'Any caller' });
      await expectIssued(route, fallback);
      if (!refusal) await expectIssued(route, fallback, EXAMPLE_USER);
      else expect(await send(route, fallback, EXAMPLE_USER)).toMatchObject({ status: 403, body: { rule: refusal } });
    }
  });

  it('issues the default example to any end user as themselves (so no default names a user)', async () => {
    const identity = fc.stringMatching(/^[a-z][a-z0-9._-]{0,40}$/);
    await fc.assert(
      fc.asyncProperty(identity, async (id) => {
        for (const route of routes.filter(({ path }) => !REFUSED_TO_END_USERS[path])) await expectIssued(route, route.examples[0], id);
      }),
      { numRuns: 5 },
    );
  });

  it('gives an API key sending a default a fresh user each time, where the token is for a user', async () => {
    const chosen: string[] = [];
    for (const route of routes) {
      const [first, second] = [await send(route, route.examples[0]), await send(route, route.examples[0])];
      const [one, other] = [first.body, second.body].map(({ uid, account, userId, userUuid }) => uid ?? account ?? userId ?? userUuid);
      if (one === undefined) continue;
      chosen.push(route.path);
      expect({ path: route.path, one }).not.toEqual({ path: route.path, one: other });
    }
    expect(chosen).toEqual(expect.arrayContaining(['/v1/rtc/token', '/v1/rtm/token', '/v1/classroom/token', '/v1/classroom/user-token']));
  });

  it('answers each other example with a token for the callers its summary names', async () => {
    for (const route of routes) {
      for (const example of route.examples.slice(1)) {
        if (example.callers !== 'End users') await expectIssued(route, example);
        if (example.callers !== 'API keys') await expectIssued(route, example, EXAMPLE_USER);
      }
    }
  });
});
