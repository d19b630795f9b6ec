import { Injectable } from '@nestjs/common';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import { TokenAuthorizer } from '../auth/authorization/token-authorizer.service.js';
import type { Caller } from '../auth/caller.interface.js';
import type { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import type { RtmTokenResponseDto } from './dto/rtm-token-response.dto.js';

/** Issues RTM (Signaling) tokens, optionally covering a stream channel. */
@Injectable()
export class RtmTokenService {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly expiry: TokenExpiryPolicy,
    private readonly authorizer: TokenAuthorizer,
  ) {}

  /** Signs the token `caller` may have for `body`: a 403 if the caller's policy or identity does not allow it. */
  create(body: CreateRtmTokenDto, caller: Caller): RtmTokenResponseDto {
    const { userId, channel, expireSeconds: requested } = this.authorizer.rtm(caller, body);
    const expireSeconds = this.expiry.resolve(requested);
    const grants: TokenGrant[] = [{ service: 'rtm', userId, loginSeconds: expireSeconds }];
    if (channel) {
      // Signaling stream channels ride on RTC: the user joins it and publishes data there.
      grants.push({
        service: 'rtc',
        channel,
        user: userId,
        privileges: { joinChannel: expireSeconds, publishData: expireSeconds },
      });
    }
    this.authorizer.check(caller, expireSeconds, grants);
    return Object.assign(this.signer.sign(expireSeconds, grants), { userId, ...(channel ? { channel } : {}) });
  }
}
