import { BadRequestException } from '@nestjs/common';
import type { FieldError } from './problem.types.js';

/** A 400 that lists each rejected field; rendered with an `errors` member. */
export class ValidationProblemException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super('The request body is invalid.');
  }

  /** A single-field failure, for rules checked outside the DTO (such as configured limits). */
  static field(field: string, message: string): ValidationProblemException {
    return new ValidationProblemException([{ field, message }]);
  }
}
