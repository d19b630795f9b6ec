import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtraModels, ApiParam, ApiResponse, getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { NO_STORE } from '../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.types.js';
import { RecordedFileDto } from './dto/recording.dto.js';

/** The answers every recording route may give beyond the common ones, as Agora and ownership make them. */
const RECORDING_PROBLEMS: Record<number, string> = {
  404:
    'No recording of yours has this id (malformed, altered, or another caller’s: one answer for all), Agora no longer runs it, ' +
    'the project has no REST credentials, or cloud recording is not configured here.',
  409: 'Agora already records this channel (its code 7 or 53), or the recording’s mode does not allow this change.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status, `code`, `reason` and `message`.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the service cannot answer right now.',
  504:
    'Agora did not answer in time; the call may still have been carried out. For a start, `recording` names the recording that may be ' +
    'running (channel, uid, resourceId) and the detail says how it ends on its own; for other calls, query the recording.',
};

function problems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: RECORDING_PROBLEMS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}

/**
 * A recording route: it needs a caller (rate-limited with the caller's other requests), answers
 * `Cache-Control: no-store` (ids and file lists are the caller's own), and documents its answer, the common
 * problems and those of Agora.
 */
export function RecordingRoute(response: ApiResponseOptions & { status: number }, withId: boolean): MethodDecorator {
  return applyDecorators(
    WithRouteConfig({ [CALLER_REQUIRED]: true }),
    Header('Cache-Control', NO_STORE),
    ApiExtraModels(RecordedFileDto),
    ApiResponse({ ...response, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ...(withId
      ? [ApiParam({ name: 'id', description: 'The recording’s id, as its start answered it.', schema: { type: 'string', minLength: 1, maxLength: 1024 } })]
      : []),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
    problems(404, 409, 502, 503, 504),
  );
}
