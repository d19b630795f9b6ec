import type { AgoraService } from '../agora-services/agora-service.js';
import { ServiceNotFound } from '../agora-services/service-problems.js';

/**
 * Media Gateway stream keys' policy: API keys name `stream-keys` in their `kinds`; end users (JWT) only when their
 * JWT_SERVICES_CLAIM names `stream-keys`, and then only for their own identity in channels their claim allows. A key
 * lets whoever holds it publish into the channel as its uid, so it is judged as the publisher it amounts to.
 */
export const STREAM_KEYS: AgoraService = { policyKind: 'stream-keys', endUserService: 'stream-keys', noun: 'stream key', label: 'Media Gateway' };

/** Agora no longer has the key: deleted (here or elsewhere), or expired. */
export function streamKeyGone(): ServiceNotFound {
  return new ServiceNotFound('Agora no longer has this stream key: it was deleted or has expired.');
}
