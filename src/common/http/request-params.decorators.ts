import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';

/** The request's id (sent on to Agora as `X-Request-ID` by the REST services, so one id follows a call end to end). */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id);

/**
 * A boolean query parameter: `true` or `false`, given at most once; absent is false. Anything else is a 400
 * naming it, never a silent false. Document it with `@ApiQuery`.
 */
export const BooleanQuery = createParamDecorator((name: string, context: ExecutionContext): boolean => {
  const value: unknown = context.switchToHttp().getRequest<FastifyRequest>().query?.[name as never];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw ValidationProblemException.field(name, `${name} must be true or false, given once`);
});
