import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';

/**
 * One query parameter as a string, or undefined when absent. Sent twice
 * (`?expiry=60&expiry=90`) it is a 400: `@Query('x')` would join the values
 * into "60,90", and a channel name may legally contain that comma.
 * Document it with `@ApiQuery`, which Swagger does not infer from a custom decorator.
 */
export const LegacyQuery = createParamDecorator((name: string, context: ExecutionContext): string | undefined => {
  const value: unknown = context.switchToHttp().getRequest<{ query: Record<string, unknown> }>().query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw LegacyInputProblem.field(name, `${name} must be given once`);
});
