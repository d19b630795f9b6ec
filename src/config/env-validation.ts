import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Type, type ClassConstructor } from 'class-transformer';
import { IsInt, Max, Min, validateSync, type ValidationError } from 'class-validator';

/**
 * Thrown when the environment is malformed. Its message names each offending
 * variable and the rule it breaks, never the value (which may be a secret).
 */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates the environment against a class-validator class whose property
 * names are the variable names. Empty strings count as unset, so `PORT=` in a
 * .env file falls back to the default instead of failing as "not a number".
 */
export function validateEnv<T extends object>(
  schema: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = plainToInstance(schema, present);
  const errors = validateSync(parsed);
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap(describe));
  return parsed;
}

/** Names the variable and the broken rule, never the value that broke it. */
function describe(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {});
}

/** `NODE_ENV=production` switches off the development conveniences. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * An integer variable within [min, max]; messages name the variable
 * (`PORT must be between 1 and 65535`), never the value.
 */
export function EnvInt(min: number, max: number): PropertyDecorator {
  const range = `$property must be between ${min} and ${max}`;
  return applyDecorators(
    Max(max, { message: range }),
    Min(min, { message: range }),
    IsInt({ message: '$property must be an integer' }),
    Type(() => Number),
  );
}
