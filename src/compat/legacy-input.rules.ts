import { UINT32_MAX } from '../agora/agora.constants.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';

/**
 * How the community servers' inputs mean what our /v1 requests say. Every
 * legacy controller maps through these, so a rule changes in one place.
 * A rule about a number compares the number, never its spelling: `00` is 0
 * wherever `0` has a meaning (see docs/migration.md, "What is a number").
 */

/** The user of an RTC token: a numeric uid or a string account, as CreateRtcTokenDto takes it. */
export type RtcUser = { uid: number } | { account: string };

const DIGITS = /^\d+$/;
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)$/;

/**
 * The number a string of ASCII digits spells, as the Go server's
 * `strconv.ParseUint(s, 10, 64)` read it: leading zeros allowed (`007` is 7,
 * `00` is 0), no sign, space, point or other script's digits. Undefined for
 * anything else. A number past 4294967295 stays past it (at most 2^32, so a
 * thousand digits are not Infinity), for CreateRtcTokenDto to refuse: the
 * originals truncated it, `4294967296` to uid 0, a token for anyone.
 */
export function decimalOf(value: string): number | undefined {
  return DIGITS.test(value) ? Math.min(Number(value), UINT32_MAX + 1) : undefined;
}

/**
 * agora-token-service's string uid (`POST /getToken`): a number in any
 * spelling is that uid (`"007"` is 7, `"00"` is 0 = any user), as its
 * ParseUint read it; anything else (`"alice"`, `"-1"`, `"+7"`) an account.
 */
export function rtcUserOfDecimal(value: string): RtcUser {
  const uid = decimalOf(value);
  return uid === undefined ? { account: value } : { uid };
}

/**
 * Agora-Node-TokenServer's `uid` query (`/access_token`): its builder signed
 * the string as sent, so only a canonical decimal (`"42"`, `"0"` = any user)
 * named that uid; `"042"` or `"00"` signed the account `042` or `00`, and
 * still does: never uid 42, nor the any-user uid 0.
 */
export function rtcUserOfSignedString(value: string): RtcUser {
  return CANONICAL_DECIMAL.test(value) ? { uid: Number(value) } : { account: value };
}

/**
 * A user named with an explicit token type, as the `/rtc/…/:tokenType/:uid`
 * routes do. An empty segment (`/uid//`) is what the Go server read as "0":
 * uid 0 (any user) for `uid`, and for `userAccount` the account `0`, which
 * its builder then signed (not the any-user token: that is `uid/0`).
 */
export function rtcUserOfType(tokenType: string, value: string, fields: { tokenType: string; uid: string }): RtcUser {
  const sent = value === '' ? '0' : value;
  switch (tokenType) {
    case 'uid': {
      const uid = decimalOf(sent);
      if (uid === undefined) {
        const message = `${fields.uid} must be a number from 0 to ${UINT32_MAX} when ${fields.tokenType} is uid`;
        throw LegacyInputProblem.field(fields.uid, message);
      }
      return { uid };
    }
    case 'userAccount':
      return { account: sent };
    default:
      throw LegacyInputProblem.field(fields.tokenType, `${fields.tokenType} must be one of uid, userAccount`);
  }
}

/**
 * The Signaling user of `/rte/…`: `rtmuid` when the path names one (any
 * string, `0` included, as the Go server signed it); otherwise the RTC user
 * as sent, unless that names no one: uid 0 in any spelling (or an empty
 * segment), or the account `0` (the Go server's rule, by string, there).
 */
export function rteRtmUserOf(rtcUser: RtcUser, rtcuid: string, rtmuid: string): string {
  if (rtmuid !== '') return rtmuid;
  const namesNoOne = 'uid' in rtcUser ? rtcUser.uid === 0 : rtcUser.account === '0';
  if (namesNoOne) {
    throw LegacyInputProblem.field('rtmuid', 'rtmuid is required when rtcuid is 0, which names no Signaling user');
  }
  return rtcuid;
}

/**
 * `publisher` publishes; anything else (`subscriber`, the Node port's
 * `audience`, a typo, nothing) only joins: the originals' rule, and the safe side.
 */
export function rtcRoleOf(role: string | undefined): RtcRole {
  return role === RtcRole.Publisher ? RtcRole.Publisher : RtcRole.Subscriber;
}

/**
 * A lifetime in seconds from now. Missing, empty or 0 in any spelling means
 * the configured default (3600 unless TOKEN_DEFAULT_EXPIRE_SECONDS says
 * otherwise), as the originals defaulted to 3600; anything but whole seconds
 * is refused. The ceiling is the /v1 rule, checked when the mapped request is validated.
 */
export function expireSecondsOf(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined || value === '' || value === 0) return undefined;
  if (typeof value === 'number') return value;
  const seconds = decimalOf(value);
  if (seconds === undefined) throw LegacyInputProblem.field(field, `${field} must be a whole number of seconds`);
  return seconds || undefined;
}

/**
 * The Signaling user of `GET /rtm/:uid`, where the Go server refused `0`:
 * it names no user there (uid 0 is "any user" on the RTC side), and so does
 * `00` or `000`, the same number.
 */
export function rtmUserOf(value: string | undefined, field: string): string {
  const user = required(value, field);
  if (decimalOf(user) === 0) throw LegacyInputProblem.field(field, `${field} must be a user id other than 0`);
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
