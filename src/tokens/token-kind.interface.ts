import type { Type } from '@nestjs/common';
import type { TokenFormat } from '../agora/dto/token-format.dto.js';
import type { TokenRequestDto } from '../agora/dto/token-request.dto.js';
import type { SignedToken, TokenGrant } from '../agora/token-grant.interface.js';
import type { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { KindPolicy } from '../auth/authorization/kind-policy.js';
import type { IdentityField } from './identity-binding.js';
import type { TokenSummary } from './token-summary.js';

/**
 * A token kind, as data: what a caller asks for and what the token grants. It
 * lives in its feature folder (`src/rtc/rtc-token.kind.ts`) and is listed once
 * in `src/token-kinds.registry.ts`; TokenIssuer runs the same sequence for
 * every kind (bind identity, lifetime, grants, authorize, sign, record).
 * A kind's functions are called with `this` unbound, once per token: no state.
 *
 * @example
 * export const RTM_TOKEN: TokenKind<CreateRtmTokenDto, RtmGrants, RtmTokenResponseDto> = {
 *   request: CreateRtmTokenDto,
 *   policyKind: 'rtm',
 *   identity: [userIdOrGenerated('userId')],
 *   grants: (request, seconds) => [{ service: 'rtm', userId: request.userId!, loginSeconds: seconds }],
 *   respond: (signed, request) => Object.assign(signed, { userId: request.userId! }),
 *   summarize: (request) => ({ kind: 'rtm', user: request.userId }),
 * };
 */
export interface TokenKind<Request extends TokenRequestDto, Grants extends readonly TokenGrant[], Response> extends KindPolicy {
  /** The request DTO: /v1 validates its body against it, the legacy routes their mapped requests. */
  readonly request: Type<Request>;

  /**
   * The request fields a caller's identity binds, in order: an end user's (JWT) identity fills each or
   * must match it; other callers may have to name the user themselves. Empty when the kind names no
   * user (then `refusedToEndUsers` says whether end users may have it at all).
   */
  readonly identity: readonly IdentityField<Request>[];

  /**
   * What the token grants, from the bound request and the lifetime it is signed with. A kind with
   * lifetimes of its own (RTC privileges) refuses those over the ceiling with `expiry.check`.
   */
  grants(request: Request, expireSeconds: number, expiry: TokenExpiryPolicy): Grants;

  /** The response: the signed token, the kind's fields added in place (Object.assign, not a spread). */
  respond(signed: SignedToken, request: Request, grants: Grants): Response;

  /** The format the request asks for (`006` or `007`); without this function, or when it answers undefined, `007`. */
  format?(request: Request): TokenFormat | undefined;

  /** What the token grants, for the request log and the tokens-issued metric. */
  summarize(request: Request, grants: Grants): TokenSummary;
}
