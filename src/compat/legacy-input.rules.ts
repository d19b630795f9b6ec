import { UINT32_MAX } from '../agora/agora.constants.js';
import { RtcRole } from '../rtc/dto/rtc-role.enum.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';

/**
 * How the community servers' inputs mean what our /v1 requests say. Every
 * legacy controller maps through these, so a rule changes in one place.
 */

/** The user of an RTC token: a numeric uid or a string account, as CreateRtcTokenDto takes it. */
type RtcUser = { uid: number } | { account: string };

const DIGITS = /^\d+$/;
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)$/;

/**
 * A uid sent as a string: a canonical decimal (`"42"`, `"0"` = any user) is a
 * uid, anything else (`"alice"`, `"042"`) an account. A uid past 4294967295 is
 * refused by CreateRtcTokenDto, under the legacy field's name: the originals
 * truncated it, `"4294967296"` to uid 0, a token for anyone.
 */
export function rtcUserOf(value: string): RtcUser {
  return CANONICAL_DECIMAL.test(value) ? { uid: Number(value) } : { account: value };
}

/** A user named with an explicit token type, as the `/rtc/…/:tokenType/:uid` routes do. */
export function rtcUserOfType(tokenType: string, value: string, fields: { tokenType: string; uid: string }): RtcUser {
  switch (tokenType) {
    case 'uid':
      if (!DIGITS.test(value)) {
        const message = `${fields.uid} must be a number from 0 to ${UINT32_MAX} when ${fields.tokenType} is uid`;
        throw LegacyInputProblem.field(fields.uid, message);
      }
      return { uid: Number(value) };
    case 'userAccount':
      return { account: value };
    default:
      throw LegacyInputProblem.field(fields.tokenType, `${fields.tokenType} must be one of uid, userAccount`);
  }
}

/**
 * `publisher` publishes; anything else (`subscriber`, the Node port's
 * `audience`, a typo, nothing) only joins: the originals' rule, and the safe side.
 */
export function rtcRoleOf(role: string | undefined): RtcRole {
  return role === RtcRole.Publisher ? RtcRole.Publisher : RtcRole.Subscriber;
}

/**
 * A lifetime in seconds from now. Missing, empty or 0 means the configured
 * default (3600 unless TOKEN_DEFAULT_EXPIRE_SECONDS says otherwise), as the
 * originals defaulted to 3600; anything but whole seconds is refused. The
 * ceiling is the /v1 rule, checked when the mapped request is validated.
 */
export function expireSecondsOf(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined || value === '' || value === 0) return undefined;
  if (typeof value === 'number') return value;
  if (!DIGITS.test(value)) throw LegacyInputProblem.field(field, `${field} must be a whole number of seconds`);
  return Number(value) || undefined;
}

/**
 * The Signaling user of a GET route, where `0` stood for "any user" on the
 * RTC side and never names an RTM user.
 */
export function rtmUserOf(value: string | undefined, field: string): string {
  const user = required(value, field);
  if (user === '0') throw LegacyInputProblem.field(field, `${field} must be a user id other than 0`);
  return user;
}

/** A field the original required; empty counts as missing, as it did there. */
export function required(value: string | undefined, field: string): string {
  if (!value) throw LegacyInputProblem.field(field, `${field} is required`);
  return value;
}

/** Empty strings counted as absent in the originals (Go's `omitempty`, JavaScript's `!value`). */
export function presentOrUndefined(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
