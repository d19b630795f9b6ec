import type { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { ServiceConflict } from '../agora-services/service-problems.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';

/** The key a creation asked for, as problems name it: never the key itself, which only Agora's answer holds. */
export interface AskedKey {
  readonly channel: string;
  /** The uid (a number) or account (a string) the stream publishes as. */
  readonly user: number | string;
  readonly region: MediaRegion;
  /** Seconds; 0 never expires. */
  readonly expiresAfter: number;
}

/** Which key, for a reader of the problem or the log: channel, user and region, which are no secret. */
export function describeKey(asked: AskedKey): string {
  const user = typeof asked.user === 'number' ? `uid ${asked.user}` : `account "${asked.user}"`;
  return `the key for channel "${asked.channel}", ${user}, region ${asked.region}`;
}

/**
 * How a key this service never got ends. Agora has no list of keys and makes the key itself, so neither this service
 * nor Agora's API can find or revoke it without it: it ends when it expires; one that never expires is Agora support's to end.
 */
function howItEnds(asked: AskedKey): string {
  return asked.expiresAfter === 0
    ? 'It never expires, and without the key neither this service nor Agora’s API can revoke it: contact Agora support, and publish as another uid or account meanwhile.'
    : `It expires ${asked.expiresAfter} s after its creation; until then publish as another uid or account, or wait.`;
}

/** The creation's 502/504, its status kept, saying which key may exist and how to tell and end it. */
export function unknownOutcome(error: AgoraUpstreamError, asked: AskedKey): AgoraUpstreamError {
  const detail =
    `${error.message} Agora may have made ${describeKey(asked)}, which reached nobody. Send the create again: a 201 means ` +
    `none had been made; a 409 saying a key exists means it was made, and this service cannot reach it. ${howItEnds(asked)}`;
  return error.withDetail(detail);
}

/** Agora's "Streaming key exists": a live key for this channel and user, made here before, elsewhere, or lost. */
export function keyExists(upstream: AgoraUpstreamError['upstream'], asked: AskedKey): ServiceConflict {
  return new ServiceConflict(
    `Agora already has ${describeKey(asked)}. If you hold its id, delete it first. If not (a create of it failed with ` +
      `a 502 or 504: it was made and reached nobody), this service cannot reach it: it ends when it expires; one made ` +
      'to never expire (0) no API call can revoke without the key (contact Agora support); publish as another uid or account meanwhile.',
    upstream ? { upstream } : {},
  );
}
