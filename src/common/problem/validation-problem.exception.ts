import { BadRequestException } from '@nestjs/common';
import type { FieldError } from './problem.types.js';

/** A 400 that lists each rejected field; rendered with an `errors` member. */
export class ValidationProblemException extends BadRequestException {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request body is invalid.',
  ) {
    super(detail);
  }

  /** A single-field failure, for rules checked outside the DTO (such as configured limits). */
  static field<T extends new (errors: FieldError[]) => ValidationProblemException>(
    this: T,
    field: string,
    message: string,
  ): InstanceType<T> {
    return new this([{ field, message }]) as InstanceType<T>;
  }
}
