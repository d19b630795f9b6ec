import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, type DocumentBuilder } from '@nestjs/swagger';
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

/**
 * Documents a route (or every route of a controller) as open to anyone:
 * `security: []`, since the document declares no global security. Applied by `@Public()`.
 */
export function ApiOpenRoute(): MethodDecorator & ClassDecorator {
  // ApiOperation merges into the route's own operation; an undefined summary leaves the route's summary as it is.
  const open = ApiOperation({ summary: undefined, security: [] });
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined && descriptor) return void open(target, key, descriptor);
    const prototype = (target as Type<unknown>).prototype as object;
    // Every method: on one that is no route, the operation metadata is never read.
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof method?.value === 'function') open(prototype, name, method);
    }
  };
}
