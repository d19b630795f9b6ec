import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtraModels, ApiParam, ApiResponse, getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { NO_STORE } from '../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.types.js';
import { IngestDto, IngestEndpointDto, STREAM_KEY_ID_PARAM_SCHEMA } from './dto/stream-key.dto.js';

/** The answers every stream-key route may give beyond the common ones, as Agora and ownership make them. */
const STREAM_KEY_PROBLEMS: Record<number, string> = {
  404:
    'No stream key of yours has this id (malformed, altered, or another caller’s: one answer for all), Agora no longer has the key ' +
    '(deleted or expired), the project has no REST credentials, or no project here has any.',
  409: 'Agora already has a stream key for this channel and user, or kept refusing for concurrent requests.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status and, where it cannot repeat the key, its `message`.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the service cannot answer right now.',
  504: 'Agora did not answer in time; the call may still have been carried out (a key created so reached nobody, and expires as asked).',
};

function problems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: STREAM_KEY_PROBLEMS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

/**
 * A stream-key route: it needs a caller (rate-limited with the caller's other requests), answers
 * `Cache-Control: no-store` (a creation's answer holds the key; ids are the caller's own), and documents its answer,
 * the common problems and those of Agora (409 only where a key is created).
 */
export function StreamKeyRoute(response: ApiResponseOptions & { status: number }, route: 'create' | 'list' | 'id'): MethodDecorator {
  const withId = route === 'id';
  return applyDecorators(
    WithRouteConfig({ [CALLER_REQUIRED]: true }),
    Header('Cache-Control', NO_STORE),
    ApiExtraModels(IngestDto, IngestEndpointDto),
    ApiResponse({ ...response, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ...(withId ? [ApiParam({ name: 'id', description: 'The stream key’s id, as its creation answered it.', schema: STREAM_KEY_ID_PARAM_SCHEMA })] : []),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
    route === 'create' ? problems(404, 409, 502, 503, 504) : problems(404, 502, 503, 504),
  );
}
