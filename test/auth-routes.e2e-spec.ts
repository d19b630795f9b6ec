import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { listRoutes, type AppRoute } from './support/routes.js';
import { createTestApp } from './support/test-app.js';

/** The routes outside caller security: the issue names /ping and /health*; /metrics has METRICS_TOKEN instead (issue 5). */
const OPEN = /^\/(ping|metrics\/?|health(\/.*)?)$/;

interface Operation {
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

describe('Every route is guarded unless it is meant to be open (e2e, AUTH_MODE=apikey)', () => {
  let app: NestFastifyApplication;
  let routes: AppRoute[];

  beforeAll(async () => {
    app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key: newApiKey() }]),
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    routes = listRoutes(app);
  });
  afterAll(() => app.close());

  it('finds the /v1, compatibility and health routes', () => {
    const paths = routes.map(({ method, path }) => `${method} ${path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['POST /v1/rtc/token', 'POST /getToken', 'GET /rtm/:uid', 'GET /chat/app', 'GET /ping', 'GET /health']),
    );
  });

  it('marks exactly /ping and /health* as @Public()', () => {
    for (const { path, isPublic } of routes) expect({ path, isPublic }).toEqual({ path, isPublic: OPEN.test(path) });
  });

  it('answers 401 on every other route when no credentials are sent', async () => {
    for (const { method, url, isPublic } of routes) {
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: isPublic ? 200 : 401 });
      if (!isPublic) expect(res.headers['www-authenticate']).toContain('ApiKey');
    }
  });

  it('leaves Swagger UI and the OpenAPI document open (Swagger serves them outside Nest routing)', async () => {
    for (const url of ['/docs', '/docs-json', '/docs-yaml', '/docs/swagger-ui-init.js']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });

  describe('the OpenAPI document', () => {
    let document: {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown> };
    };

    beforeAll(async () => {
      document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    });

    it('declares the API-key header and the bearer scheme, so Swagger UI can authorize with either', () => {
      expect(document.components.securitySchemes).toEqual({
        'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      });
    });

    it('makes every token route (v1 and compatibility) take either scheme and document 401, 403 and 429', () => {
      const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      );
      expect(operations.filter(({ operation }) => operation.tags?.includes('compatibility')).length).toBeGreaterThan(5);

      for (const { path, method, operation } of operations) {
        if (OPEN.test(path)) {
          // Open, and documented so: `security: []` (the document declares no global security).
          expect({ path, security: operation.security }).toEqual({ path, security: [] });
          continue;
        }
        expect({ path, method, security: operation.security }).toEqual({
          path,
          method,
          security: [{ 'api-key': [] }, { bearer: [] }],
        });
        for (const status of ['401', '403', '429']) expect(operation.responses).toHaveProperty(status);
      }
    });
  });
});
