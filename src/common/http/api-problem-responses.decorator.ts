import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.types.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid: the problem lists each rejected field in `errors`.',
  401: 'No valid credentials were sent.',
  403: 'The caller may not get this token.',
  404: 'No such route.',
  413: 'The request body is too large.',
  415: 'The body is not application/json.',
  429: 'Too many requests from this caller.',
  500: 'An unexpected error; the body carries no internal detail.',
  503: 'Not ready: the service is shutting down or a dependency is unreachable.',
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
