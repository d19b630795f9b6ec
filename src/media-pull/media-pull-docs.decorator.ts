import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtraModels, ApiParam, ApiResponse, getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { NO_STORE } from '../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.types.js';

/** The answers every media pull route may give beyond the common ones, as Agora and ownership make them. */
const PLAYER_PROBLEMS: Record<number, string> = {
  404:
    'No player of yours has this id (malformed, altered, or another caller’s: one answer for all), Agora no longer runs it, ' +
    'the project has no REST credentials, or no project has any (media pull is off).',
  409: 'Another update of this player reached Agora first (send it again), or Agora already runs a player of the chosen name.',
  502:
    'Agora refused the call or could not be reached: `upstream` carries Agora’s status and `code` (never its texts, which may repeat a stream URL). ' +
    'A create whose connection broke after sending, and whose player was not found again, names `channel` and `playerName`.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the ownership index (Redis) does not answer a list.',
  504:
    'Agora did not answer in time (or answered 504); the call may still have been carried out. A create is looked for first (sent again ' +
    'under its player name, then Agora’s list): this answer says what that proved and names `channel` and `playerName`.',
};

function problems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: PLAYER_PROBLEMS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

/**
 * A media pull route: it needs a caller (rate-limited with the caller's other requests), answers
 * `Cache-Control: no-store` (ids are the caller's own), and documents its answer, the common problems and Agora's.
 */
export function MediaPullRoute(response: ApiResponseOptions & { status: number }, withId: boolean): MethodDecorator {
  return applyDecorators(
    WithRouteConfig({ [CALLER_REQUIRED]: true }),
    Header('Cache-Control', NO_STORE),
    ApiResponse({ ...response, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ...(withId
      ? [ApiParam({ name: 'id', description: 'The player’s id, as its create answered it.', schema: { type: 'string', minLength: 1, maxLength: 1000 } })]
      : []),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
    problems(404, 409, 502, 503, 504),
  );
}
