import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { addCallerSecuritySchemes } from './common/http/api-caller-security.decorator.js';
import { documentResponseHeaders } from './common/http/api-response-headers.js';
import { ProblemDto } from './common/problem/problem.dto.js';

/** Where Swagger UI is served; the OpenAPI document is at `${DOCS_PATH}-json` (and -yaml). */
const DOCS_PATH = 'docs';

/**
 * Swagger's own routes (the UI, its assets, the document), exactly as @nestjs/swagger registers
 * them: open to anyone, as the service's documentation. Named one by one, so a controller route
 * under /docs is gated like any other (test/auth-routes.e2e-spec.ts pins both).
 */
const DOCS_ROUTES: ReadonlySet<string> = new Set(
  ['', '/', '/index.html', '/swagger-ui-init.js', `/${DOCS_PATH}/swagger-ui-init.js`, '/LICENSE', '/*']
    .map((path) => `/${DOCS_PATH}${path}`)
    .concat(`/${DOCS_PATH}-json`, `/${DOCS_PATH}-yaml`),
);

export function isDocsRoute(url: string): boolean {
  return DOCS_ROUTES.has(url);
}

/**
 * Serves Swagger UI at /docs and the OpenAPI 3 document at /docs-json, generated from the DTOs.
 * test/openapi-lint.e2e-spec.ts lints the served document with Spectral (.spectral.yaml).
 *
 * The document is built on the first request for it (Swagger UI's init script, /docs-json or
 * /docs-yaml), then kept: building it scans every controller and DTO, about a sixth of the
 * start-up's CPU (docs/operations.md, "Start-up and memory"), and most instances never serve
 * it. It is built from the running app, so it is the document this configuration declares
 * (LEGACY_ROUTES decides whether the compatibility routes are in it), as when built at start-up.
 */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}

/** The OpenAPI document the app declares: its routes and DTOs, closed schemas, the global hooks' headers. */
export function buildDocument(app: INestApplication): OpenAPIObject {
  const config = addCallerSecuritySchemes(new DocumentBuilder())
    .setTitle('Agora token service')
    .setDescription(
      'Issues the tokens that Agora RTC (video/voice), RTM (Signaling) and Chat SDKs need, signed with the ' +
        "project's App Certificate, which never leaves this server. Errors are RFC 9457 problem details. " +
        'Token routes take an API key or an end-user JWT, as AUTH_MODE says (none: no credentials); ' +
        'use Authorize to send one.',
    )
    .setVersion('1')
    // Relative: clients and Swagger UI's "Try it out" call the host that served the document, whatever name
    // or port a proxy gives it; the service serves every route from its root.
    .addServer('/', 'The server that served this document')
    // Declared in reading order: Swagger UI lists tags as declared, current routes before deprecated ones.
    .addTag('rtc', 'RTC (video/voice) tokens')
    .addTag('rtm', 'RTM (Signaling) tokens')
    .addTag('chat', 'Chat tokens')
    .addTag('fpa', 'FPA (accelerator) tokens')
    .addTag('classroom', 'Flexible Classroom tokens')
    .addTag('inspection', 'What a token holds, and whether it is genuine')
    .addTag('rtc-rtm', 'One token for RTC and Signaling (RTM)')
    .addTag('agents', 'Conversational AI agent and speech-to-text tokens (RTC, Signaling and the agent service)')
    .addTag('recording', 'Cloud recording: start, query, change and stop recordings of a channel or a web page')
    .addTag('transcription', 'Real-time transcription: captions (and translations) of a channel’s speech, by Agora’s STT')
    .addTag('media-push', 'Media push: RTMP converters that push a channel to a CDN')
    .addTag('media-pull', 'Media pull: play an online stream (RTMP, HTTP, HTTPS) into a channel with Agora’s cloud player')
    .addTag('stream-keys', 'Media Gateway stream keys: RTMP and SRT ingest into a channel (OBS, ffmpeg)')
    .addTag('health', 'Liveness and readiness')
    .addTag('compatibility', 'Deprecated: the routes of the community token servers, for drop-in migration')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  closeObjectSchemas(document);
  documentResponseHeaders(document);
  return document;
}

/**
 * Every DTO is closed (`additionalProperties: false`): the validation pipe
 * refuses unknown fields at any depth, and answers carry only their DTO's
 * fields. Problem details stay open: RFC 9457 lets a problem type add
 * extension members, and tells clients to ignore those they do not know.
 */
function closeObjectSchemas(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!('$ref' in schema) && schema.properties) schema.additionalProperties = name === ProblemDto.name;
  }
}
