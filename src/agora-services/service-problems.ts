import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';
import type { AgoraService } from './agora-service.js';

/** A 404 about a service's resources. */
export class ServiceNotFound extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.NOT_FOUND, detail, PROBLEM_TYPES.generic);
  }

  /**
   * An id that is not one of this caller's resources: malformed, tampered with, sealed for another configuration or
   * service, another caller's. One answer for all, so ids cannot be probed.
   */
  static id(service: AgoraService): ServiceNotFound {
    return new ServiceNotFound(`No ${service.noun} of yours has this id.`);
  }

  /** No project has REST credentials: the service is off. */
  static off(service: AgoraService): ServiceNotFound {
    return new ServiceNotFound(`${service.label} is not configured on this service: no project has REST credentials (customerId, customerSecret).`);
  }

  /** The chosen project has no REST credentials. */
  static project(service: AgoraService, name: string): ServiceNotFound {
    return new ServiceNotFound(`Project ${name} has no REST credentials (customerId, customerSecret): it cannot use ${service.label.toLowerCase()}.`);
  }

  /** No storage profile serves the chosen project. */
  static storage(service: AgoraService, name: string): ServiceNotFound {
    return new ServiceNotFound(`No storage profile serves project ${name}: it cannot store files for ${service.label.toLowerCase()}.`);
  }

  /** Agora no longer has it (ended, expired, deleted elsewhere). */
  static ended(service: AgoraService): ServiceNotFound {
    return new ServiceNotFound(`Agora no longer has this ${service.noun}: it has ended.`);
  }
}

/** A 409: Agora refused the change as conflicting (a name taken, an update overtaken by another). */
export class ServiceConflict extends ProblemException {
  constructor(detail: string, extensions: ProblemException['extensions'] = {}) {
    super(HttpStatus.CONFLICT, detail, PROBLEM_TYPES.generic, extensions);
  }
}
