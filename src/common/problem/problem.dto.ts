import { ApiProperty } from '@nestjs/swagger';
import { integerSchema } from '../http/api-schema.options.js';

/** One rejected field of a request. */
export class FieldErrorDto {
  /**
   * The field's path in the request body (`privileges.joinChannel`), or `body` for the body as a whole.
   * @example "channel"
   */
  field: string;

  /**
   * What is wrong with it.
   * @example "channel must be 1 to 63 bytes"
   */
  message: string;
}

/** What an upstream service (Agora's REST APIs) answered, as a problem passes it through: never a credential. */
export class UpstreamDetailDto {
  /**
   * The upstream's HTTP status.
   * @example 400
   */
  @ApiProperty(integerSchema(100, 599))
  status: number;

  /**
   * The upstream's own error code, when it sent a whole number.
   * @example 2
   */
  @ApiProperty({ ...integerSchema(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), required: false })
  code?: number;

  /**
   * The upstream's reason, when it sent one.
   * @example "invalid params"
   */
  reason?: string;

  /**
   * The upstream's message, when it sent one.
   * @example "Invalid authentication credentials"
   */
  message?: string;
}

/** An error, as RFC 9457 problem details (`application/problem+json`). */
export class ProblemDto {
  /**
   * Identifies the kind of problem; `about:blank` when the status says it all.
   * @example "urn:agora-token-service:problem:validation"
   */
  type: string;

  /**
   * Short summary of the kind of problem.
   * @example "Bad Request"
   */
  title: string;

  /**
   * The HTTP status code.
   * @example 400
   */
  @ApiProperty(integerSchema(400, 599))
  status: number;

  /**
   * What went wrong with this request.
   * @example "The request body is invalid."
   */
  detail: string;

  /**
   * The request path.
   * @example "/v1/rtc/token"
   */
  instance?: string;

  /** For validation failures: each rejected field and why. */
  errors?: FieldErrorDto[];

  /**
   * For 403 refusals: the rule that refused the request (`kinds`, `projects`, `channels`, `roles`,
   * `maxExpireSeconds`, `identity`, `services`, `chat-app`, `classroom-app`, `inspect` or `permissions.users`).
   * @example "channels"
   */
  rule?: string;

  /**
   * The name of the project chosen for the request, on problems answered after the choice (a token request
   * refused by a policy rule, for instance). Absent when the problem came first (a malformed body, an unknown or
   * refused project). Never its App ID or certificate.
   * @example "default"
   */
  project?: string;

  /** For 502 and 503 answers to a call Agora's REST APIs refused: what Agora answered. */
  upstream?: UpstreamDetailDto;

  /**
   * The request's id, as sent in `X-Request-Id` or generated: it is on every log line of the request.
   * @example "4f9c2a1e-8b7d-4c3e-9f10-2a3b4c5d6e7f"
   */
  requestId?: string;
}
