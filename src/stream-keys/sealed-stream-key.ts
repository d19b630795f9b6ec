import { createHash } from 'node:crypto';
import type { MediaRegion } from '../agora-services/media-region.config.js';
import type { StreamKeyDto } from './dto/stream-key.dto.js';

/**
 * What a stream key's id carries, sealed (encrypted and authenticated by ServiceAccess): everything a later GET or
 * DELETE needs, the key included, on any replica, after any restart. Nobody holding the id can read it.
 */
export interface SealedStreamKey {
  readonly channel: string;
  /** The stream key itself: a secret. */
  readonly key: string;
  readonly region: MediaRegion;
  /** The uid (a number) or account (a string) the stream publishes as. */
  readonly user: number | string;
  /** Unix seconds, as Agora answered. */
  readonly createdAt: number;
  /** Seconds from `createdAt`; 0 never expires. */
  readonly expiresAfter: number;
}

/**
 * The name a key goes by in the ownership index (shared Redis): a digest, never the key, so the index holds nothing
 * that publishes. A key is random enough that its digest cannot be turned back into it.
 */
export function agoraIdOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 32);
}

/** A key as answers describe it: everything but the key. */
export function streamKeyOf(id: string, project: string, sealed: SealedStreamKey): StreamKeyDto {
  const { channel, region, user, createdAt, expiresAfter } = sealed;
  return {
    id,
    project,
    region,
    channel,
    ...(typeof user === 'number' ? { uid: user } : { account: user }),
    expiresAfterSeconds: expiresAfter,
    createdAt: new Date(createdAt * 1000).toISOString(),
    ...(expiresAfter === 0 ? {} : { expiresAt: new Date((createdAt + expiresAfter) * 1000).toISOString() }),
  };
}
