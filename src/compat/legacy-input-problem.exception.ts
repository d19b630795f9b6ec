import type { FieldError } from '../common/problem/problem.types.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';

/**
 * A 400 for a legacy route, naming the fields as its original server did
 * (`channelName`, `expiry`, …). Its input is often a path or query rather
 * than a body, so the detail says "request".
 */
export class LegacyInputProblem extends ValidationProblemException {
  constructor(errors: FieldError[]) {
    super(errors, 'The request is invalid.');
  }
}
