import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { buildDocument } from '../src/openapi.js';
import { createTestApp } from './support/test-app.js';

type Paths = Record<string, Record<string, { tags?: string[] }>>;

/** The community servers' routes (tag "compatibility") are in the document only when LEGACY_ROUTES serves them. */
const hasLegacyRoutes = (document: { paths: Paths }) =>
  Object.values(document.paths).some((item) => Object.values(item).some((operation) => operation.tags?.includes('compatibility')));

/**
 * Start-up does not build the OpenAPI document (scanning every controller and DTO was about a sixth of it): the first
 * request for it does, once, from the running app, so it is the document this configuration declares.
 */
describe('The OpenAPI document, built on the first request for it', () => {
  const build = jest.spyOn(SwaggerModule, 'createDocument');
  let app: NestFastifyApplication | undefined;
  afterEach(async () => {
    await app?.close();
    build.mockClear();
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('LEGACY_ROUTES=%s: none at start-up, one for every later request, equal to the one the app declares', async (legacy, withLegacy) => {
    app = await createTestApp({ LEGACY_ROUTES: legacy });
    expect(build).toHaveBeenCalledTimes(0);

    const ui = await app.inject({ method: 'GET', url: '/docs/swagger-ui-init.js' });
    const first = await app.inject({ method: 'GET', url: '/docs-json' });
    const yaml = await app.inject({ method: 'GET', url: '/docs-yaml' });
    const again = await app.inject({ method: 'GET', url: '/docs-json' });

    expect([ui.statusCode, first.statusCode, yaml.statusCode, again.statusCode]).toEqual([200, 200, 200, 200]);
    expect(build).toHaveBeenCalledTimes(1);
    expect(again.body).toBe(first.body);
    const served = first.json();
    expect(ui.body).toContain(JSON.stringify(served.info.title));
    expect(yaml.body).toContain(`title: ${served.info.title}`);
    expect(hasLegacyRoutes(served)).toBe(withLegacy);
    // Built afresh now, from the same app: what was served is what the code declares.
    expect(served).toEqual(JSON.parse(JSON.stringify(buildDocument(app))));
  });
});
