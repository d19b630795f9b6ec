import { ACCOUNT_MAX_BYTES, CHANNEL_CHARACTERS, CHANNEL_PATTERN, UINT32_MAX } from '../agora/agora.constants.js';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { Caller } from '../auth/caller.interface.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';

/**
 * The longest `expiresAfterSeconds` a request may name: the largest value a signed 32-bit integer holds, so that
 * no Agora server reads it wrapped. Agora documents no maximum; 0 means the key never expires.
 */
export const MAX_EXPIRES_AFTER_SECONDS = 2_147_483_647;

/**
 * Refuses a key lifetime the caller may not create (403, rule `maxExpireSeconds`). A stream key that never expires
 * (`0`) or outlives a token is a standing credential to publish into the channel, so:
 * - an API key whose policy sets `maxExpireSeconds` gets 1 to that many seconds;
 * - an API key without it may create any lifetime, 0 (never expires) included;
 * - end users (JWT) and anonymous callers (AUTH_MODE=none) get 1 to `tokenMaxSeconds` (TOKEN_MAX_EXPIRE_SECONDS, at
 *   most 24 h), as long as a token they could get; never 0.
 */
export function checkKeyLifetime(caller: Caller, seconds: number, tokenMaxSeconds: number): void {
  const max = caller.kind === 'apikey' ? caller.policy.maxExpireSeconds : tokenMaxSeconds;
  if (max === undefined || (seconds >= 1 && seconds <= max)) return;
  const who = caller.kind === 'apikey' ? 'this API key' : caller.kind === 'jwt' ? 'end users' : 'callers without credentials';
  const never = seconds === 0 ? ' A key that never expires (0) needs an API key whose policy sets no maxExpireSeconds.' : '';
  throw new AccessRefused('maxExpireSeconds', `expiresAfterSeconds may be 1 to ${max} for ${who}.${never}`);
}

/**
 * Refuses an end user whose identity (the account their stream publishes as) Agora's Media Gateway cannot take, or
 * would read as someone else: its string uids are 1 to 255 bytes of the channel characters, and one of digits alone
 * it reads as a number, so "00042" would publish as uid 42 (the end user "42"), "0" as any user, and more than
 * 4294967295 as no uid it has. Digits are taken only as the canonical decimal of a uid (1 to 4294967295), which is
 * that uid, as `uid` would be. A request's own `account` is checked by its DTO; an identity is not the caller's to
 * change, so this is a 403 (rule `identity`), before Agora could refuse or misread it.
 */
export function checkIdentityAccount(account: string): void {
  if (/^\d+$/.test(account) && !isCanonicalUid(account)) {
    throw new AccessRefused('identity', `the caller's identity is digits Agora would read as another uid: only a uid's own decimal (1 to ${UINT32_MAX}, no leading zeros) may be a stream key's account.`);
  }
  if (CHANNEL_PATTERN.test(account) && Buffer.byteLength(account) <= ACCOUNT_MAX_BYTES) return;
  throw new AccessRefused('identity', `the caller's identity cannot be a stream key's account: Agora takes 1 to ${ACCOUNT_MAX_BYTES} bytes of ${CHANNEL_CHARACTERS}.`);
}

/** Whether `digits` is the decimal Agora writes for a uid: 1 to 4294967295, without leading zeros. */
function isCanonicalUid(digits: string): boolean {
  return /^[1-9]\d{0,9}$/.test(digits) && Number(digits) <= UINT32_MAX;
}

/** Where streaming software sends a key's stream, per protocol: the server to paste, and the whole URL with the key. */
export interface IngestEndpoints {
  readonly rtmp: { readonly server: string; readonly url: string };
  readonly srt: { readonly server: string; readonly url: string };
}

/**
 * Agora's unified ingest domains for a region (its Media Gateway quickstart and SRT guide): RTMP at
 * `rtmp://rtls-ingress-prod-{region}.agoramdn.com/live` with the key as the stream name, SRT at
 * `srt://srtlive-rtcpush-prod-{region}.agoramdn.com:6001` with the key as `streamid`. The key works only in the region
 * it was created in. (A custom ingest domain, which Agora support binds, is not described here.)
 */
export function ingestOf(region: MediaRegion, streamKey: string): IngestEndpoints {
  const rtmp = `rtmp://rtls-ingress-prod-${region}.agoramdn.com/live`;
  const srt = `srt://srtlive-rtcpush-prod-${region}.agoramdn.com:6001`;
  return {
    rtmp: { server: rtmp, url: `${rtmp}/${streamKey}` },
    srt: { server: srt, url: `${srt}?streamid=${encodeURIComponent(streamKey)}` },
  };
}
