import { HttpException } from '@nestjs/common';

/**
 * An error rendered with its own problem `type`, its own `detail` (also for a 5xx: it is worded for the
 * caller where it is raised) and extension members (RFC 9457 §3.2), such as the `rule` that refused a
 * request or the `upstream` answer an Agora REST call got (an object).
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly problemType: string,
    readonly extensions: Readonly<Record<string, string | object>> = {},
  ) {
    super(detail, status);
  }
}
