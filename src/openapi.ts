import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { addCallerSecuritySchemes } from './common/http/api-caller-security.decorator.js';

/** Serves Swagger UI at /docs and the OpenAPI 3 document at /docs-json, generated from the DTOs. */
export function setUpOpenApi(app: INestApplication): void {
  const config = addCallerSecuritySchemes(new DocumentBuilder())
    .setTitle('Agora token service')
    .setDescription(
      'Issues the tokens that Agora RTC (video/voice), RTM (Signaling) and Chat SDKs need, signed with the ' +
        "project's App Certificate, which never leaves this server. Errors are RFC 9457 problem details. " +
        'Token routes take an API key or an end-user JWT, as AUTH_MODE says (none: no credentials); ' +
        'use Authorize to send one.',
    )
    .setVersion('1')
    // Declared in reading order: Swagger UI lists tags as declared, current routes before deprecated ones.
    .addTag('rtc', 'RTC (video/voice) tokens')
    .addTag('rtm', 'RTM (Signaling) tokens')
    .addTag('chat', 'Chat tokens')
    .addTag('health', 'Liveness and readiness')
    .addTag('compatibility', 'Deprecated: the routes of the community token servers, for drop-in migration')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
