import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { UINT32_MAX } from '../agora/agora.constants.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { RtcPrivileges, TokenGrant } from '../agora/token-grant.interface.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import type { CreateRtcTokenDto } from './dto/create-rtc-token.dto.js';
import { RtcRole } from './dto/rtc-role.enum.js';
import type { RtcTokenResponseDto } from './dto/rtc-token-response.dto.js';

/** Issues RTC tokens: who may join which channel, and what they may publish, for how long. */
@Injectable()
export class RtcTokenService {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly expiry: TokenExpiryPolicy,
    private readonly authorizer: TokenAuthorizer,
  ) {}

  /** Signs the token `caller` may have for `body`: a 403 if the caller's policy or identity does not allow it. */
  create(body: CreateRtcTokenDto, caller: Caller): RtcTokenResponseDto {
    const request = this.authorizer.rtc(caller, body);
    const expireSeconds = this.expiry.resolve(request.expireSeconds);
    const user = request.account ?? request.uid ?? randomUid();
    const role = request.privileges ? undefined : (request.role ?? RtcRole.Subscriber);
    const privileges = request.privileges
      ? this.checked(request.privileges)
      : privilegesOf(role ?? RtcRole.Subscriber, expireSeconds);
    const grants: TokenGrant[] = [{ service: 'rtc', channel: request.channel, user, privileges }];
    this.authorizer.check(caller, expireSeconds, grants);
    return Object.assign(this.signer.sign(expireSeconds, grants), {
      channel: request.channel,
      ...(typeof user === 'string' ? { account: user } : { uid: user }),
      ...(role ? { role } : { privileges }),
    });
  }

  private checked(privileges: RtcPrivileges): RtcPrivileges {
    for (const [name, seconds] of Object.entries(privileges)) {
      if (seconds !== undefined) this.expiry.check(seconds, `privileges.${name}`);
    }
    return privileges;
  }
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
