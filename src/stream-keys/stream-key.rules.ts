import { ACCOUNT_MAX_BYTES, CHANNEL_CHARACTERS, CHANNEL_PATTERN } from '../agora/agora.constants.js';
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
 * Refuses an end user whose identity (the account their stream publishes as) Agora's Media Gateway cannot take: its
 * string uids are 1 to 255 bytes of the channel characters. A request's own `account` is checked by its DTO; an
 * identity is not the caller's to change, so this is a 403 (rule `identity`), before Agora could refuse it as a 502.
 */
export function checkIdentityAccount(account: string): void {
  if (CHANNEL_PATTERN.test(account) && Buffer.byteLength(account) <= ACCOUNT_MAX_BYTES) return;
  throw new AccessRefused('identity', `the caller's identity cannot be a stream key's account: Agora takes 1 to ${ACCOUNT_MAX_BYTES} bytes of ${CHANNEL_CHARACTERS}.`);
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
