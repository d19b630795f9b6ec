import type { AgoraService } from '../agora-services/agora-service.js';
import { ServiceConflict } from '../agora-services/service-problems.js';

/**
 * Media pull's policy: API keys name `media-pull` in their `kinds`; end users (JWT) only with `media-pull` in their
 * JWT_SERVICES_CLAIM, and then only into channels their channels claim allows. A player bills the project for as
 * long as it plays, and it publishes into the channel, so no sign-in alone may start one.
 */
export const MEDIA_PULL: AgoraService = { policyKind: 'media-pull', endUserService: 'media-pull', noun: 'player', label: 'Media pull' };

/** Agora refused an update's `sequence`: another update of this player reached it first. */
export function sequenceConflict(upstream: object): ServiceConflict {
  return new ServiceConflict('Another update of this player came first (Agora refused its sequence); send it again.', { upstream });
}

/** Agora already runs a player of the name this service chose (its 409 on create). */
export function nameConflict(upstream: object): ServiceConflict {
  return new ServiceConflict('Agora already runs a player of the name this service chose; send the request again.', { upstream });
}
