import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtraModels, ApiParam, ApiResponse, getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { NO_STORE } from '../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.types.js';
import { TRANSCRIPTION_ID_SCHEMA } from './dto/transcription.dto.js';

/** The answers every transcription route may give beyond the common ones, as Agora and ownership make them. */
export const TRANSCRIPTION_PROBLEMS: Record<number, string> = {
  404:
    'No transcription of yours has this id (malformed, altered, or another caller’s: one answer for all), Agora no longer runs it, ' +
    'the project has no REST credentials, or no project has any (the feature is off).',
  409: 'Another update of this transcription came first (Agora’s sequence): send it again.',
  502:
    'Agora refused the call or could not be reached: `upstream` carries Agora’s status (never its texts, which could repeat the ' +
    'bot’s token or the storage keys).',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the ownership index (Redis) cannot answer a list.',
  504: 'Agora did not answer in time; the call may still have been carried out. For a start, `transcription` names the bot that may be running.',
};

function problems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: TRANSCRIPTION_PROBLEMS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

/**
 * A transcription route: it needs a caller (rate-limited with the caller's other requests), answers
 * `Cache-Control: no-store` (ids are the caller's own), and documents its answer, the common problems and Agora's.
 */
export function TranscriptionRoute(response: ApiResponseOptions & { status: number }, withId: boolean): MethodDecorator {
  return applyDecorators(
    WithRouteConfig({ [CALLER_REQUIRED]: true }),
    Header('Cache-Control', NO_STORE),
    ApiResponse({ ...response, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ...(withId ? [ApiParam({ name: 'id', description: 'The transcription’s id, as its start answered it.', schema: TRANSCRIPTION_ID_SCHEMA })] : []),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
    problems(404, 409, 502, 503, 504),
  );
}
