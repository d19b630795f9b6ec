import { randomInt } from 'node:crypto';
import { UINT32_MAX } from '../agora/agora.constants.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import type { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { RtcGrant, RtcPrivileges } from '../agora/token-grant.interface.js';
import { rtcUserFields } from '../tokens/identity-binding.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CreateRtcTokenDto } from './dto/create-rtc-token.dto.js';
import type { RtcTokenResponseDto } from './dto/rtc-token-response.dto.js';

/** An RTC token: who may join which channel, and what they may publish, for how long. */
export const RTC_TOKEN: TokenKind<CreateRtcTokenDto, [RtcGrant], RtcTokenResponseDto> = {
  request: CreateRtcTokenDto,
  policyKind: 'rtc',
  identity: [rtcUserFields<CreateRtcTokenDto>('uid', 'account')],
  // A 006 token carries all an RTC request can ask, per-privilege lifetimes included.
  format: (request) => request.format,

  grants(request, expireSeconds, expiry) {
    const user = request.account ?? request.uid ?? randomUid();
    const privileges = request.privileges
      ? checked(request.privileges, expiry)
      : privilegesOf(request.role ?? RtcRole.Subscriber, expireSeconds);
    return [{ service: 'rtc', channel: request.channel, user, privileges }];
  },

  respond(signed, request, [{ user, privileges }]) {
    return Object.assign(signed, {
      channel: request.channel,
      ...(typeof user === 'string' ? { account: user } : { uid: user }),
      ...(request.privileges ? { privileges } : { role: request.role ?? RtcRole.Subscriber }),
    });
  },

  summarize: (request, [{ user }]) => ({ kind: 'rtc', channel: request.channel, user }),
};

/** Per-privilege lifetimes, each within the configured ceiling (a 400 naming `privileges.<name>`). */
function checked(privileges: RtcPrivileges, expiry: TokenExpiryPolicy): RtcPrivileges {
  for (const [name, seconds] of Object.entries(privileges)) {
    if (seconds !== undefined) expiry.check(seconds, `privileges.${name}`);
  }
  return privileges;
}

/** The privileges a role stands for, each lasting as long as the token. */
function privilegesOf(role: RtcRole, seconds: number): RtcPrivileges {
  switch (role) {
    case RtcRole.Publisher:
      return { joinChannel: seconds, publishAudio: seconds, publishVideo: seconds, publishData: seconds };
    case RtcRole.Subscriber:
      return { joinChannel: seconds };
    default: {
      const unknown: never = role;
      throw new Error(`Unknown RTC role ${String(unknown)}`);
    }
  }
}

/** A uid for callers who name no user: never 0, which would let anyone use the token. */
function randomUid(): number {
  return randomInt(1, UINT32_MAX + 1);
}
