import { USER_ID_MAX_BYTES } from '../agora/agora.constants.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import type { TokenExpiryPolicy } from '../agora/token-expiry.policy.js';
import type { RtcGrant, RtmGrant, SignedToken } from '../agora/token-grant.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { RTC_TOKEN } from '../rtc/rtc-token.kind.js';
import { rtcUserFields, userIdField, type IdentityField } from '../tokens/identity-binding.js';
import type { CreateRtcRtmTokenDto } from './dto/create-rtc-rtm-token.dto.js';
import type { RtcRtmTokenResponseDto } from './dto/rtc-rtm-token-response.dto.js';

const rtmUser = userIdField<CreateRtcRtmTokenDto>('rtmUserId');

/**
 * The users of an RTC + Signaling request: an end user's RTC user and Signaling user are both their
 * identity (each must equal it, and defaults to it). Other callers need not name the Signaling user:
 * it defaults to the RTC user (see rtcRtmGrants).
 */
export const RTC_RTM_IDENTITY: readonly IdentityField<CreateRtcRtmTokenDto>[] = [
  rtcUserFields<CreateRtcRtmTokenDto>('uid', 'account'),
  { bindEndUser: rtmUser.bindEndUser, bindOther() {} },
];

/**
 * The RTC and Signaling grants of a request, as agora-token's `buildTokenWithRtm2` (and the agent
 * builders, which add their service after these two) put them: the RTC user joins, and with a
 * publisher role publishes audio, video and data; the Signaling user logs in for `rtmExpireSeconds`.
 * @param role the role when the request names neither `role` nor `privileges`
 */
export function rtcRtmGrants(
  request: CreateRtcRtmTokenDto,
  expireSeconds: number,
  expiry: TokenExpiryPolicy,
  role: RtcRole,
): [RtcGrant, RtmGrant] {
  const [rtc] = RTC_TOKEN.grants(request.role || request.privileges ? request : { ...request, role }, expireSeconds, expiry);
  if (request.rtmExpireSeconds !== undefined) expiry.check(request.rtmExpireSeconds, 'rtmExpireSeconds');
  const rtm: RtmGrant = {
    service: 'rtm',
    userId: request.rtmUserId ?? signalingUserOf(rtc.user),
    loginSeconds: request.rtmExpireSeconds ?? expireSeconds,
  };
  return [rtc, rtm];
}

/** The Signaling user that stands for an RTC user, as `buildTokenWithRtm` uses one account for both. */
function signalingUserOf(user: number | string): string {
  if (user === 0) throw ValidationProblemException.field('rtmUserId', 'rtmUserId is required with uid 0 (any user)');
  const userId = String(user);
  if (Buffer.byteLength(userId) > USER_ID_MAX_BYTES) {
    throw ValidationProblemException.field('rtmUserId', `rtmUserId is required when account is longer than ${USER_ID_MAX_BYTES} bytes`);
  }
  return userId;
}

/** The response: the RTC fields as /v1/rtc/token answers them, and the Signaling login. */
export function rtcRtmResponse(
  signed: SignedToken,
  request: CreateRtcRtmTokenDto,
  [{ user, privileges }, { userId, loginSeconds }]: readonly [RtcGrant, RtmGrant, ...unknown[]],
  role: RtcRole,
): RtcRtmTokenResponseDto {
  return Object.assign(signed, {
    channel: request.channel,
    ...(typeof user === 'string' ? { account: user } : { uid: user }),
    ...(request.privileges ? { privileges } : { role: request.role ?? role }),
    rtmUserId: userId,
    rtmExpireSeconds: loginSeconds,
  });
}
