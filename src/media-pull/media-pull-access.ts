import { HttpStatus } from '@nestjs/common';
import type { AgoraService } from '../agora-services/agora-service.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';

/**
 * Media pull's policy: API keys name `media-pull` in their `kinds`; end users (JWT) only with `media-pull` in their
 * JWT_SERVICES_CLAIM, and then only into channels their channels claim allows. A player bills the project for as
 * long as it plays, and it publishes into the channel, so no sign-in alone may start one.
 */
export const MEDIA_PULL: AgoraService = { policyKind: 'media-pull', endUserService: 'media-pull', noun: 'player' };

/** A 404 about players that the shared layer does not raise itself. */
export class PlayerNotFound extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.NOT_FOUND, detail, PROBLEM_TYPES.generic);
  }

  /** Agora no longer runs the player (deleted, idle for its idleTimeout, failed, or its token expired). */
  static ended(): PlayerNotFound {
    return new PlayerNotFound('Agora no longer runs this player: it has ended.');
  }
}

/** A 409: Agora refused the change because of another one (a newer update, a player of the same name). */
export class PlayerConflict extends ProblemException {
  constructor(detail: string, extensions: ProblemException['extensions'] = {}) {
    super(HttpStatus.CONFLICT, detail, PROBLEM_TYPES.generic, extensions);
  }

  /** Agora refused an update's `sequence`: another update of this player reached it first. */
  static sequence(upstream: object): PlayerConflict {
    return new PlayerConflict('Another update of this player came first (Agora refused its sequence); send it again.', { upstream });
  }

  /** Agora already runs a player of this name in the project (its 409 on create). */
  static name(upstream: object): PlayerConflict {
    return new PlayerConflict('Agora already runs a player of the name this service chose; send the request again.', { upstream });
  }
}
