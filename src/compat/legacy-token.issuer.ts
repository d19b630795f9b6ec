import { Injectable } from '@nestjs/common';
import type { TokenRequestDto } from '../agora/dto/token-request.dto.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import type { Caller } from '../auth/caller.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import type { LegacyTokenDto } from './dto/legacy-token.dto.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';

/** The original server's name for each /v1 field it fills (`{ channel: 'channelName' }`). */
type LegacyFieldNames = Readonly<Record<string, string>>;

/**
 * Issues the tokens of the legacy routes through the TokenIssuer, as /v1
 * does: each mapped request is validated by the same pipe and DTO as its /v1
 * route, so every /v1 rule (channel characters and length, uid range,
 * lifetime ceiling) holds here too, and so does the caller's authorization.
 * A refusal names the legacy field.
 *
 * @example
 * await issuer.issue(RTC_TOKEN, { channel, uid: 42, role: RtcRole.Publisher }, { channel: 'channelName' }, caller);
 */
@Injectable()
export class LegacyTokenIssuer {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly validation: RequestValidationPipe,
  ) {}

  async issue<Request extends TokenRequestDto, Grants extends readonly TokenGrant[], Response>(
    kind: TokenKind<Request, Grants, Response>,
    request: Request,
    names: LegacyFieldNames,
    caller: Caller,
  ): Promise<Response> {
    try {
      const dto = (await this.validation.transform(request, { type: 'body', metatype: kind.request })) as Request;
      return this.tokens.issue(kind, dto, caller);
    } catch (error) {
      // DTO rules and the configured lifetime ceiling both speak /v1 field names.
      if (error instanceof ValidationProblemException) throw renamed(error, names);
      throw error;
    }
  }
}

function renamed(error: ValidationProblemException, names: LegacyFieldNames): LegacyInputProblem {
  return new LegacyInputProblem(
    error.errors.map(({ field, message }) => {
      const legacy = names[field];
      if (!legacy) return { field, message };
      return { field: legacy, message: message.startsWith(`${field} `) ? legacy + message.slice(field.length) : message };
    }),
  );
}

/** The originals' `{ token }` body. */
export function legacyToken(issued: { token: string }): LegacyTokenDto {
  return { token: issued.token };
}
