import { Injectable } from '@nestjs/common';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import type { TokenRequestDto } from '../agora/dto/token-request.dto.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { recordIssued } from '../common/logging/request-record.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { bindIdentity } from './identity-binding.js';
import { ProjectSelector } from './project-selector.js';
import type { TokenKind } from './token-kind.interface.js';

/**
 * Issues a token of any kind, for any route (/v1 or compatibility), in one
 * fixed sequence: bind the caller's identity into the request, resolve the
 * lifetime (the caller's cap, the configured default and ceiling), build the
 * kind's grants, choose the project (by `project` or `appId`, or the default;
 * a 403 outside the caller's projects), authorize the grants (a 403 naming the
 * rule), sign what was authorized with the project's primary certificate, and record what was issued (the tokens-issued metric, at
 * issuance; the request log, on the caller's request).
 *
 * The request is the caller's validated DTO, made for this request: the issuer
 * completes it in place (a bound identity) rather than copying it.
 *
 * @example
 * return this.tokens.issue(RTC_TOKEN, body, caller); // RtcTokenResponseDto
 */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly projects: ProjectSelector,
    private readonly expiry: TokenExpiryPolicy,
    private readonly authorizer: TokenAuthorizer,
    private readonly metrics: MetricsService,
  ) {}

  issue<Request extends TokenRequestDto, Grants extends readonly TokenGrant[], Response>(
    kind: TokenKind<Request, Grants, Response>,
    request: Request,
    caller: Caller,
  ): Response {
    bindIdentity(kind.identity, request, caller);
    // A kind whose lifetime Agora fixes (FPA) is signed with it, still under the configured ceiling.
    const requested = kind.fixedExpireSeconds ?? request.expireSeconds;
    const expireSeconds = this.expiry.resolve(requested, this.authorizer.lifetimeCap(caller));
    const grants = kind.grants(request, expireSeconds, this.expiry);
    // After the request's own rules (a 400 is about the input, whichever project), before the policy's 403s, which name it.
    const project = this.projects.select(request, caller);
    const authorized = this.authorizer.check(caller, kind, expireSeconds, grants);
    const signed = this.signer.sign(project, expireSeconds, authorized, kind.format?.(request));
    const summary = kind.summarize(request, grants);
    this.metrics.tokenIssued(summary.kind, project.name);
    recordIssued(caller, summary);
    return kind.respond(signed, request, grants);
  }
}
