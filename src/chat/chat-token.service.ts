import { Injectable } from '@nestjs/common';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import type { TokenLifetimeDto } from '../agora/dto/token-lifetime.dto.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import { ChatTokenKind } from './dto/chat-token-kind.enum.js';
import type { ChatTokenResponseDto } from './dto/chat-token-response.dto.js';
import type { CreateChatTokenDto } from './dto/create-chat-token.dto.js';

/** Issues Chat tokens: a user token for a user id, an app token otherwise. */
@Injectable()
export class ChatTokenService {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly expiry: TokenExpiryPolicy,
    private readonly authorizer: TokenAuthorizer,
  ) {}

  /** Signs the token `caller` may have for `body`: a 403 if the caller's policy or identity does not allow it. */
  create(body: CreateChatTokenDto, caller: Caller): ChatTokenResponseDto {
    return this.issue(caller, this.authorizer.chat(caller, body));
  }

  /** Signs an app token for a route that asks for one by name; end users get a 403, never their user token. */
  createAppToken(body: TokenLifetimeDto, caller: Caller): ChatTokenResponseDto {
    return this.issue(caller, this.authorizer.chatApp(caller, body));
  }

  /** Resolves the lifetime, checks the grant against the caller, and signs it. */
  private issue(caller: Caller, { userId, expireSeconds }: CreateChatTokenDto): ChatTokenResponseDto {
    const seconds = this.expiry.resolve(expireSeconds);
    const grant: TokenGrant = userId === undefined ? { service: 'chat-app', seconds } : { service: 'chat-user', userId, seconds };
    this.authorizer.check(caller, seconds, [grant]);
    const signed = this.signer.sign(seconds, [grant]);
    if (grant.service === 'chat-app') return Object.assign(signed, { kind: ChatTokenKind.App });
    return Object.assign(signed, { kind: ChatTokenKind.User, userId: grant.userId });
  }
}
