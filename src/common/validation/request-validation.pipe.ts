import { Injectable, ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import type { FieldError } from '../problem/problem.types.js';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';
import { checkBodyShape } from './body-shape.js';
import { compileDtoCheck, isPlainObject, type DtoCheck } from './compiled-dto-check.js';
import { toFieldErrors } from './validation-errors.js';

/**
 * The body step's pipe (see validateBodies), also used by the legacy issuer for the /v1
 * request each legacy route maps to: DTOs are the single source of validation. Unknown fields
 * are rejected, not dropped, and nothing is coerced (a uid of "42" is a 400).
 *
 * A body that the DTO's compiled check accepts (the same class-validator
 * rules, without class-validator's per-request machinery) is passed on as
 * sent, a plain object; anything else takes the full ValidationPipe path, so
 * every refusal and its messages still come from class-validator. Before
 * either, checkBodyShape refuses `null` and undeclared fields at any depth.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      // One message per field: the first rule it breaks, not every consequence of it.
      // class-validator checks a property's decorators bottom-up, so DTOs put
      // presence and type checks nearest the property, to be reported first.
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationProblemException(toFieldErrors(errors)),
    });
  }

  /** Each DTO's compiled check, built on first use; undefined when the DTO always takes the full path. */
  private readonly checks = new Map<Type<unknown>, DtoCheck | undefined>();

  /**
   * The body as transform() would answer it, when the DTO's compiled check accepts it as sent; undefined when only
   * transform() can say (a refusal, a DTO without a compiled check, anything but a body). Synchronous, so that the
   * body step of nearly every request costs no promise. A body the check accepts has only declared fields and no
   * `null` at any depth, which is all checkBodyShape asks, so it is passed on as it is, as transform() would.
   */
  acceptedAsSent(value: unknown, metadata: ArgumentMetadata): Record<string, unknown> | undefined {
    if (metadata.type !== 'body' || !metadata.metatype || !isPlainObject(value) || !this.toValidate(metadata)) return undefined;
    return this.checkFor(metadata.metatype)?.(value) ? value : undefined;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body at all is an empty object (the DTO then names what is missing);
    // a body that is JSON but not an object (null, an array, a string) is refused outright.
    if (metadata.type === 'body' && value !== undefined) {
      if (!isPlainObject(value)) throw ValidationProblemException.field('body', 'the request body must be a JSON object');
      // toValidate: a DTO class, not a built-in type such as Object (no rules to judge it by).
      if (!metadata.metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
      const shape = checkBodyShape(value, metadata.metatype);
      if (shape.errors.length > 0) throw await this.withDtoErrors(shape.errors, shape.body, metadata);
      if (this.checkFor(metadata.metatype)?.(shape.body)) return shape.body;
      return super.transform(shape.body, metadata);
    }
    return super.transform(value, metadata);
  }

  /** The shape errors, and what the DTO's rules say of the rest of the body (one entry per field). */
  private async withDtoErrors(errors: FieldError[], rest: unknown, metadata: ArgumentMetadata): Promise<ValidationProblemException> {
    const named = new Set(errors.map(({ field }) => field));
    try {
      await super.transform(rest, metadata);
    } catch (error) {
      if (!(error instanceof ValidationProblemException)) throw error;
      errors = [...errors, ...error.errors.filter(({ field }) => !named.has(field))];
    }
    return new ValidationProblemException(errors);
  }

  protected checkFor(metatype: Type<unknown> | undefined): DtoCheck | undefined {
    if (!metatype) return undefined;
    if (!this.checks.has(metatype)) this.checks.set(metatype, compileDtoCheck(metatype));
    return this.checks.get(metatype);
  }
}
