import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.types.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid: the problem lists each rejected field in `errors`.',
  401: 'No valid credentials were sent (see `WWW-Authenticate`).',
  403: 'The caller may not get this token: `rule` names the rule that refused it.',
  404: 'No such route.',
  413: 'The request body is too large.',
  415: 'The body is not application/json.',
  429: 'Too many requests from this caller; retry after `Retry-After` seconds.',
  500: 'An unexpected error; the body carries no internal detail.',
  503: 'The service cannot answer right now: it is shutting down, or Redis or the JWKS is unreachable; retry shortly (after `Retry-After` seconds when sent).',
};

/** Documents problem+json error responses, each with the ProblemDto schema. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'An error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
