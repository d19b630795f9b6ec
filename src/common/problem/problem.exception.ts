import { HttpException } from '@nestjs/common';

/**
 * An error rendered with its own problem `type` and extension members
 * (RFC 9457 §3.2), such as the `rule` that refused a request.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly problemType: string,
    readonly extensions: Readonly<Record<string, string>> = {},
  ) {
    super(detail, status);
  }
}
