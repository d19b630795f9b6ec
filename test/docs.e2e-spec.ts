import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app.js';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref: string }; examples?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
}

/** The OpenAPI document is the API's face: every token route fully described. */
describe('OpenAPI document and Swagger UI', () => {
  let app: NestFastifyApplication;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: {
      schemas: Record<string, { properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean }>;
    };
  };
  beforeAll(async () => {
    app = await createTestApp();
    document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
  });
  afterAll(() => app.close());

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger-ui');
  });

  it.each([
    ['/v1/rtc/token', 'CreateRtcTokenDto', 'RtcTokenResponseDto', ['channel']],
    // userId may be left out by everyone: an end user's identity fills it in, for anyone else a fresh user id.
    ['/v1/rtm/token', 'CreateRtmTokenDto', 'RtmTokenResponseDto', undefined],
    ['/v1/chat/token', 'CreateChatTokenDto', 'ChatTokenResponseDto', undefined],
    ['/v1/fpa/token', 'CreateFpaTokenDto', 'IssuedTokenDto', undefined],
    // userUuid, as userId above.
    ['/v1/classroom/token', 'CreateClassroomRoomUserTokenDto', 'ClassroomTokenResponseDto', ['roomUuid', 'role']],
    ['/v1/classroom/user-token', 'CreateClassroomUserTokenDto', 'ClassroomTokenResponseDto', undefined],
    ['/v1/classroom/app-token', 'CreateClassroomAppTokenDto', 'ClassroomTokenResponseDto', undefined],
  ])('documents POST %s with summary, examples, 200 and problem responses', (path, request, response, required) => {
    const operation = document.paths[path]?.post;

    expect(document.openapi).toMatch(/^3\./);
    expect(operation?.summary).toBeTruthy();
    expect(operation?.description).toBeTruthy();
    expect(operation?.requestBody?.content['application/json'].schema.$ref).toBe(`#/components/schemas/${request}`);
    expect(Object.keys(operation?.requestBody?.content['application/json'].examples ?? {}).length).toBeGreaterThan(0);
    expect(operation?.responses['200'].content?.['application/json'].schema.$ref).toBe(`#/components/schemas/${response}`);
    for (const status of ['400', '415', '500']) {
      expect(operation?.responses[status].content?.['application/problem+json'].schema.$ref).toBe(
        '#/components/schemas/ProblemDto',
      );
    }
    expect(document.components.schemas[request].required).toEqual(required);
    // A POST with no body counts as {}: the body is required only where {} is refused for every caller.
    expect(operation?.requestBody?.required).toBe(required !== undefined);
    expect(document.components.schemas[request].additionalProperties).toBe(false);
    expect(document.components.schemas[request].properties).toHaveProperty('expireSeconds', expect.objectContaining({ maximum: 86400 }));
  });

  it('derives request constraints from the DTOs', () => {
    const rtc = document.components.schemas.CreateRtcTokenDto.properties;

    expect(rtc.channel).toMatchObject({ type: 'string', minLength: 1, maxLength: 63, pattern: expect.any(String) });
    expect(rtc.uid).toMatchObject({ type: 'integer', minimum: 0, maximum: 4294967295 });
    expect(rtc.account).toMatchObject({ type: 'string', minLength: 1, maxLength: 255, 'x-max-bytes': 255 });
    expect(rtc.role).toMatchObject({ enum: ['publisher', 'subscriber'] });
    expect(rtc.privileges).toMatchObject({ allOf: [{ $ref: '#/components/schemas/RtcPrivilegesDto' }] });
  });

  it('answers a body-less POST /v1/chat/token with an app token, as the optional body says', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/chat/token' });

    expect(document.paths['/v1/chat/token'].post.requestBody?.required).toBe(false);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'app' });
  });

  it.each([
    ['/getToken', { tokenType: 'chat' }],
    ['/rtctoken', { channel: 'demo-room' }],
  ])('says nullable on the optional fields of %s, where null counts as left out, as the originals read it', async (url, body) => {
    const ref = document.paths[url].post.requestBody?.content['application/json'].schema.$ref ?? '';
    const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
    const nullable = Object.keys(schema.properties).filter((name) => (schema.properties[name] as { nullable?: boolean }).nullable);
    const payload = { ...body, ...Object.fromEntries(nullable.map((name) => [name, null])) };
    const response = await app.inject({ method: 'POST', url, payload });

    expect(nullable.length).toBeGreaterThan(0);
    expect(nullable.every((name) => !schema.required?.includes(name))).toBe(true);
    expect(response.statusCode).toBe(200);
  });

  it('names a relative server, so clients call the host that served the document', () => {
    expect((document as unknown as { servers: unknown }).servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('documents the problem shape, with the errors list', () => {
    expect(Object.keys(document.components.schemas.ProblemDto.properties)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    );
  });
});
