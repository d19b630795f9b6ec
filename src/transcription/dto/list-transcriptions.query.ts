import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { PickType } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ValidationProblemException } from '../../common/problem/validation-problem.exception.js';
import { toFieldErrors } from '../../common/validation/validation-errors.js';
import { CreateTranscriptionDto } from './create-transcription.dto.js';

/** What a list names: a channel, and the project as a start would name it. */
export interface ListTranscriptionsRequest {
  readonly channel: string;
  readonly project?: string;
  readonly appId?: string;
}

/** The list's query parameters: a start's rules for the same fields. */
class ListTranscriptionsQuery extends PickType(CreateTranscriptionDto, ['channel', 'project', 'appId'] as const) {}
const NAMES = new Set(['channel', 'project', 'appId']);

/**
 * The list's query (`?channel=&project=&appId=`), validated by the start's rules for the same fields: each given at
 * most once, no other parameter; a 400 naming each field otherwise. Document it with `@ApiQuery`.
 */
export const ListQuery = createParamDecorator((_data: unknown, context: ExecutionContext): ListTranscriptionsRequest => {
  const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(query).filter((name) => !NAMES.has(name));
  if (unknown.length > 0) throw new ValidationProblemException(unknown.map((field) => ({ field, message: `${field} is not a parameter of this list` })));
  const repeated = Object.entries(query).filter(([, value]) => typeof value !== 'string');
  if (repeated.length > 0) throw new ValidationProblemException(repeated.map(([field]) => ({ field, message: `${field} must be given once` })));
  const errors = validateSync(plainToInstance(ListTranscriptionsQuery, query), { stopAtFirstError: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw new ValidationProblemException(toFieldErrors(errors), 'The query is invalid.');
  return query as unknown as ListTranscriptionsRequest;
});
