import { Injectable } from '@nestjs/common';
import type { TokenLifetimeDto } from '../../agora/dto/token-lifetime.dto.js';
import { TokenExpiryPolicy } from '../../agora/token-expiry.policy.js';
import { ValidationProblemException } from '../../common/problem/validation-problem.exception.js';
import type { CreateChatTokenDto } from '../../chat/dto/create-chat-token.dto.js';
import type { CreateRtcTokenDto } from '../../rtc/dto/create-rtc-token.dto.js';
import { RtcRole } from '../../rtc/dto/rtc-role.enum.js';
import type { CreateRtmTokenDto } from '../../rtm/dto/create-rtm-token.dto.js';
import type { Caller } from '../caller.interface.js';
import { checkApiKeyPolicy } from './api-key-policy.js';
import { bindRtcUser, bindUserId, checkEndUserScope } from './identity-binding.js';
import type { TokenScope } from './token-scope.interface.js';

/**
 * Where every token request, from /v1 or a compatibility route, meets its
 * caller: the token services call it before signing. It binds end users'
 * requests to their identity, gives API keys with a lifetime cap a default
 * within it, and refuses (403, naming the rule) whatever the caller may not get.
 *
 * @example
 * const request = authorizer.rtm(caller, { userId: 'alice' }); // 403 unless the caller may have it
 */
@Injectable()
export class TokenAuthorizer {
  constructor(private readonly expiry: TokenExpiryPolicy) {}

  rtc(caller: Caller, request: CreateRtcTokenDto): CreateRtcTokenDto {
    const bound = this.withLifetime(caller, caller.kind === 'jwt' ? bindRtcUser(caller, request) : request);
    this.check(caller, () => ({
      kind: 'rtc',
      channel: bound.channel,
      role: roleOf(bound),
      lifetimes: [...this.lifetimesOf(bound), ...privilegeLifetimes(bound)],
    }));
    return bound;
  }

  rtm(caller: Caller, request: CreateRtmTokenDto): CreateRtmTokenDto & { userId: string } {
    const userId = this.userIdFor(caller, request.userId);
    const bound = this.withLifetime(caller, { ...request, userId });
    this.check(caller, () => ({ kind: 'rtm', channel: bound.channel, lifetimes: this.lifetimesOf(bound) }));
    return bound;
  }

  chat(caller: Caller, request: CreateChatTokenDto): CreateChatTokenDto {
    const userId = caller.kind === 'jwt' ? bindUserId(caller, request.userId) : request.userId;
    const bound = this.withLifetime(caller, { ...request, userId });
    this.check(caller, () => ({ kind: userId === undefined ? 'chat-app' : 'chat', lifetimes: this.lifetimesOf(bound) }));
    return bound;
  }

  /** A Chat app token asked for by name: never bound to an end user's identity (they are refused instead). */
  chatApp(caller: Caller, request: TokenLifetimeDto): CreateChatTokenDto {
    const bound = this.withLifetime(caller, request);
    this.check(caller, () => ({ kind: 'chat-app', lifetimes: this.lifetimesOf(bound) }));
    return { expireSeconds: bound.expireSeconds };
  }

  /** `scope` is worked out only for callers with something to check (never for AUTH_MODE=none). */
  private check(caller: Caller, scope: () => TokenScope): void {
    switch (caller.kind) {
      case 'anonymous':
        return;
      case 'apikey':
        return checkApiKeyPolicy(caller.policy, scope());
      case 'jwt':
        return checkEndUserScope(caller, scope());
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

  private lifetimesOf(request: { expireSeconds?: number }): TokenScope['lifetimes'] {
    return [{ field: 'expireSeconds', seconds: request.expireSeconds ?? this.expiry.defaultSeconds }];
  }
}

/** The role an RTC request amounts to: publishing anything makes a publisher. */
function roleOf(request: CreateRtcTokenDto): RtcRole {
  if (!request.privileges) return request.role ?? RtcRole.Subscriber;
  const { publishAudio, publishVideo, publishData } = request.privileges;
  const publishes = [publishAudio, publishVideo, publishData].some((seconds) => seconds !== undefined);
  return publishes ? RtcRole.Publisher : RtcRole.Subscriber;
}

function privilegeLifetimes(request: CreateRtcTokenDto): TokenScope['lifetimes'] {
  return Object.entries(request.privileges ?? {})
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, seconds]) => ({ field: `privileges.${name}`, seconds }));
}
