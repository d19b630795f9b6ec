import { applyDecorators, Delete, Get, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../../common/http/api-response-headers.js';
import { JSON_WHATEVER_CONTENT_TYPE } from '../../common/http/json-body.parser.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../../common/http/route-config.js';
import { NO_STORE } from '../../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../../common/problem/problem.types.js';
import { GO_JSON_BODY, REQUEST_BODY } from '../../common/validation/body-validation.hook.js';
import { RecordedFileDto } from '../../recording/dto/recording.dto.js';
import { LegacyErrorDto } from '../dto/legacy-error.dto.js';

/** What one of the fork's routes is, for its route and its documentation. */
export interface ForkRouteOptions {
  summary: string;
  /** What it does, and what changed from the fork. */
  description: string;
  /** The /v1 route that replaces it. */
  moveTo: string;
  response: Type<unknown>;
  /** The body's DTO (POST routes), and its Swagger UI examples. */
  request?: Type<unknown>;
  examples?: Record<string, { summary: string; value: unknown }>;
  /** The start's 400 may also be the fork's own `{"error": …}`. */
  legacyError?: boolean;
  /** What its 400 means, when not a recording route's (`legacyError` says whether it may be `{"error": …}`). */
  badRequest?: string;
  /** Its other problems by status, when not a recording route's (see RECORDING_PROBLEMS). */
  problems?: Record<number, string>;
}

/** The problems of the fork's recording routes, by status. */
const RECORDING_PROBLEMS: Record<number, string> = {
  404:
    'No recording of yours has this resourceId (malformed, altered, or another caller’s: one answer for all), Agora no ' +
    'longer runs it, the project has no REST credentials, or cloud recording is not configured here.',
  409: 'Agora already records this channel (its code 7 or 53), or the recording’s mode does not allow this change.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status, `code`, `reason` and `message`.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the service cannot answer right now.',
  504: 'Agora did not answer in time; the call may still have been carried out (query the recording).',
};

const problem = (status: number, description: string, legacy = false) =>
  ApiResponse({
    status,
    description,
    content: {
      ...(legacy ? { 'application/json': { schema: { $ref: getSchemaPath(LegacyErrorDto) } } } : {}),
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } },
    },
  });

/**
 * A route of the Go fork (cloud recording, transcription, media push and pull): it needs a caller (as the /v1
 * routes it maps onto, with the same policy), reads a POST body as JSON whatever its Content-Type and its keys as encoding/json
 * did (any case, unknown keys ignored: see GO_JSON_BODY; the values keep this API's rules), as the fork's Gin did, answers 200 with
 * `Cache-Control: no-store`, and documents its answer and problems (Agora's among them).
 */
export function ForkRoute(method: 'GET' | 'POST' | 'DELETE', path: string, options: ForkRouteOptions): MethodDecorator {
  const { request } = options;
  return applyDecorators(
    method === 'GET' ? Get(path) : method === 'DELETE' ? Delete(path) : Post(path),
    WithRouteConfig({ [CALLER_REQUIRED]: true, ...(request ? { [JSON_WHATEVER_CONTENT_TYPE]: true, [REQUEST_BODY]: request, [GO_JSON_BODY]: true } : {}) }),
    ...(request
      ? [ApiConsumes('application/json', 'text/plain'), ApiBody({ type: request, examples: options.examples, required: true }), HttpCode(HttpStatus.OK)]
      : []),
    Header('Cache-Control', NO_STORE),
    ApiOperation({
      summary: `Agora Backend Webservice: ${options.summary} (deprecated: use ${options.moveTo})`,
      description: `Deprecated compatibility route of the Go fork of agora-token-service: move to \`${options.moveTo}\`. ${options.description}`,
      deprecated: true,
    }),
    ApiExtraModels(RecordedFileDto, ProblemDto, FieldErrorDto, LegacyErrorDto),
    ApiOkResponse({ type: options.response, description: 'The fork’s answer.', headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ApiCallerSecurity(),
    ApiProblemResponses(...(request ? [413, 500] : [500])),
    problem(
      400,
      options.badRequest ??
        (options.legacyError
          ? 'An invalid `recordingMode` (`{"error": "Invalid recording mode."}`, as the fork answered) or other invalid input (problem details naming each field).'
          : 'The request is invalid, or a value echoed with `resourceId` is not the recording’s: the problem lists each field in `errors`.'),
      options.legacyError,
    ),
    ...Object.entries(options.problems ?? RECORDING_PROBLEMS).map(([status, description]) => problem(Number(status), description)),
  );
}
