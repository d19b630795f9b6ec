import { RtcRole } from '../agora/rtc-role.enum.js';
import type { RtcGrant, RtmGrant } from '../agora/token-grant.interface.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CreateRtcRtmTokenDto } from './dto/create-rtc-rtm-token.dto.js';
import type { RtcRtmTokenResponseDto } from './dto/rtc-rtm-token-response.dto.js';
import { RTC_RTM_IDENTITY, rtcRtmGrants, rtcRtmResponse } from './rtc-rtm-grants.js';

/**
 * One token for RTC and Signaling: agora-token's `buildTokenWithRtm` (one account for both) when
 * `rtmUserId` is absent, `buildTokenWithRtm2` (an RTC uid or account, and a Signaling user id) when
 * it is sent. One kind: the two builders sign the same two services and differ only in who the
 * Signaling user is, so a second route would only repeat this one.
 */
export const RTC_RTM_TOKEN: TokenKind<CreateRtcRtmTokenDto, [RtcGrant, RtmGrant], RtcRtmTokenResponseDto> = {
  request: CreateRtcRtmTokenDto,
  policyKind: 'rtc-rtm',
  identity: RTC_RTM_IDENTITY,
  // Subscriber unless asked, as /v1/rtc/token: the same request reads the same on both routes.
  grants: (request, expireSeconds, expiry) => rtcRtmGrants(request, expireSeconds, expiry, RtcRole.Subscriber),
  respond: (signed, request, grants) => rtcRtmResponse(signed, request, grants, RtcRole.Subscriber),
  summarize: ({ channel }, [{ user }]) => ({ kind: 'rtc-rtm', channel, user }),
};
