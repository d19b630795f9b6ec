import { Injectable } from '@nestjs/common';
import { AgoraTokenSigner } from '../agora/agora-token-signer.service.js';
import { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { TokenGrant } from '../agora/token-grant.interface.js';
import type { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import type { RtmTokenResponseDto } from './dto/rtm-token-response.dto.js';

/** Issues RTM (Signaling) tokens, optionally covering a stream channel. */
@Injectable()
export class RtmTokenService {
  constructor(
    private readonly signer: AgoraTokenSigner,
    private readonly expiry: TokenExpiryPolicy,
  ) {}

  create(request: CreateRtmTokenDto): RtmTokenResponseDto {
    const expireSeconds = this.expiry.resolve(request.expireSeconds);
    const { userId, channel } = request;
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
    return { ...this.signer.sign(expireSeconds, grants), userId, ...(channel ? { channel } : {}) };
  }
}
