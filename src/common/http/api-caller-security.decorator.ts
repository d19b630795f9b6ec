import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, type DocumentBuilder } from '@nestjs/swagger';
import { ApiProblemResponses } from './api-problem-responses.decorator.js';

/** The OpenAPI security schemes, by the names operations refer to them. */
const SECURITY_SCHEMES = { apiKey: 'api-key', bearer: 'bearer' } as const;

/** Declares both schemes in the document, so Swagger UI's "Authorize" offers them. */
export function addCallerSecuritySchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'A server-side API key (AUTH_MODE apikey). The same key may be sent as a bearer token instead.',
      },
      SECURITY_SCHEMES.apiKey,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: "An end user's JWT (AUTH_MODE jwt), or an API key (AUTH_MODE apikey).",
      },
      SECURITY_SCHEMES.bearer,
    );
}

/**
 * Documents a route that needs a caller: either scheme will do, and the
 * refusals authentication, policies and rate limits answer with.
 */
export function ApiCallerSecurity(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiSecurity(SECURITY_SCHEMES.apiKey),
    ApiBearerAuth(SECURITY_SCHEMES.bearer),
    ApiProblemResponses(401, 403, 429, 503),
  );
}
