import { Injectable } from '@nestjs/common';
import type { TokenLifetimeDto } from '../../agora/dto/token-lifetime.dto.js';
import type { TokenGrant } from '../../agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../../agora/token-expiry.policy.js';
import { ValidationProblemException } from '../../common/problem/validation-problem.exception.js';
import type { CreateChatTokenDto } from '../../chat/dto/create-chat-token.dto.js';
import type { CreateRtcTokenDto } from '../../rtc/dto/create-rtc-token.dto.js';
import type { CreateRtmTokenDto } from '../../rtm/dto/create-rtm-token.dto.js';
import type { Caller } from '../caller.interface.js';
import { checkApiKeyPolicy } from './api-key-policy.js';
import { bindRtcUser, bindUserId, checkEndUserScope } from './identity-binding.js';
import { scopeOf } from './token-scope.js';

/**
 * Where every token request, from /v1 or a compatibility route, meets its
 * caller, in two steps the token services take around their own work. Before:
 * bind end users' requests to their identity, and give API keys with a
 * lifetime cap a default within it. After the service has worked out what it
 * will sign: refuse (403, naming the rule) whatever the caller may not get,
 * judged on those grants themselves, so that what is checked is what is signed.
 *
 * @example
 * const request = authorizer.rtm(caller, { userId: 'alice' });
 * // ... the service resolves the lifetime and builds the grants ...
 * authorizer.check(caller, expireSeconds, grants); // 403 unless the caller may have them
 */
@Injectable()
export class TokenAuthorizer {
  constructor(private readonly expiry: TokenExpiryPolicy) {}

  rtc(caller: Caller, request: CreateRtcTokenDto): CreateRtcTokenDto {
    return this.withLifetime(caller, caller.kind === 'jwt' ? bindRtcUser(caller, request) : request);
  }

  rtm(caller: Caller, request: CreateRtmTokenDto): CreateRtmTokenDto & { userId: string } {
    return this.withLifetime(caller, { ...request, userId: this.userIdFor(caller, request.userId) });
  }

  chat(caller: Caller, request: CreateChatTokenDto): CreateChatTokenDto {
    const userId = caller.kind === 'jwt' ? bindUserId(caller, request.userId) : request.userId;
    return this.withLifetime(caller, { ...request, userId });
  }

  /** A Chat app token asked for by name: never bound to an end user's identity (check refuses them instead). */
  chatApp(caller: Caller, request: TokenLifetimeDto): CreateChatTokenDto {
    return { expireSeconds: this.withLifetime(caller, request).expireSeconds };
  }

  /** Refuses grants the caller may not have; `expireSeconds` is the lifetime they will be signed with. */
  check(caller: Caller, expireSeconds: number, grants: readonly TokenGrant[]): void {
    switch (caller.kind) {
      case 'anonymous':
        return;
      case 'apikey':
        return checkApiKeyPolicy(caller.policy, scopeOf(expireSeconds, grants));
      case 'jwt':
        return checkEndUserScope(caller, scopeOf(expireSeconds, grants));
      default: {
        const unknown: never = caller;
        throw new Error(`Unknown caller ${JSON.stringify(unknown)}`);
      }
    }
  }

  private userIdFor(caller: Caller, userId: string | undefined): string {
    if (caller.kind === 'jwt') return bindUserId(caller, userId);
    if (userId === undefined) {
      // Only an end user's identity can stand in for it (see the DTO).
      throw ValidationProblemException.field('userId', 'userId is required');
    }
    return userId;
  }

  /** An API key capped below the configured default gets its cap as the default, rather than a refusal. */
  private withLifetime<T extends { expireSeconds?: number }>(caller: Caller, request: T): T {
    const cap = caller.kind === 'apikey' ? caller.policy.maxExpireSeconds : undefined;
    if (request.expireSeconds !== undefined || cap === undefined || cap >= this.expiry.defaultSeconds) return request;
    return { ...request, expireSeconds: cap };
  }
}
