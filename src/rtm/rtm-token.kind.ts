import type { RtcGrant, RtmGrant } from '../agora/token-grant.interface.js';
import { userIdOrGenerated } from '../tokens/identity-binding.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import type { RtmTokenResponseDto } from './dto/rtm-token-response.dto.js';

/** A Signaling login, and with a stream channel, that channel's RTC side. */
type RtmGrants = [RtmGrant] | [RtmGrant, RtcGrant];

/** An RTM (Signaling) token, optionally covering a stream channel, or limited to permissions (RTM2). */
export const RTM_TOKEN: TokenKind<CreateRtmTokenDto, RtmGrants, RtmTokenResponseDto> = {
  request: CreateRtmTokenDto,
  policyKind: 'rtm',
  identity: [userIdOrGenerated<CreateRtmTokenDto>('userId')],

  format: (request) => request.format,

  grants({ userId, channel, permissions }, expireSeconds) {
    // Bound: an end user's identity, the user another caller named, or a fresh one.
    const rtm: RtmGrant = { service: 'rtm', userId: userId!, loginSeconds: expireSeconds, ...(permissions ? { permissions } : {}) };
    if (!channel) return [rtm];
    // Signaling stream channels ride on RTC: the user joins it and publishes data there.
    const privileges = { joinChannel: expireSeconds, publishData: expireSeconds };
    return [rtm, { service: 'rtc', channel, user: rtm.userId, privileges }];
  },

  respond: (signed, { channel, permissions }, [{ userId }]) =>
    Object.assign(signed, { userId, ...(channel ? { channel } : {}), ...(permissions ? { permissions } : {}) }),

  summarize: ({ channel }, [{ userId }]) => ({ kind: 'rtm', channel, user: userId }),
};
