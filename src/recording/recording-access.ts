import { HttpStatus } from '@nestjs/common';
import { UPSTREAM_PROBLEM_TYPE } from '../agora-rest/agora-upstream.error.js';
import type { KindPolicy } from '../auth/authorization/kind-policy.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';

/**
 * Cloud recording's policy: API keys name it `recording` in their `kinds`; end users (JWT) may record only when
 * their JWT_SERVICES_CLAIM names `recording`, and then only channels their channels claim allows. A recording
 * bills the project for as long as it runs, so no sign-in alone may start one.
 */
export const RECORDING: KindPolicy = { policyKind: 'recording', endUserService: 'recording' };

/** A 404 problem about recordings. */
export class RecordingNotFound extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.NOT_FOUND, detail, PROBLEM_TYPES.generic);
  }

  /**
   * An id that is not a recording of this caller's: malformed, tampered with, signed for another configuration,
   * or another caller's. One answer for all, so ids cannot be probed.
   */
  static id(): RecordingNotFound {
    return new RecordingNotFound('No recording of yours has this id.');
  }

  /** No project has REST credentials (or no storage profile is configured): the feature is off. */
  static off(): RecordingNotFound {
    return new RecordingNotFound('Cloud recording is not configured on this service.');
  }

  /** The chosen project has no REST credentials. */
  static project(name: string): RecordingNotFound {
    return new RecordingNotFound(`Project ${name} has no REST credentials (customerId, customerSecret): it cannot record.`);
  }

  /** No storage profile serves the chosen project (their `projects` lists leave it out). */
  static storage(name: string): RecordingNotFound {
    return new RecordingNotFound(`No storage profile serves project ${name}: it cannot record.`);
  }

  /** Agora no longer runs it (stopped, idle for maxIdleTime, its bot removed). */
  static ended(): RecordingNotFound {
    return new RecordingNotFound('Agora no longer runs this recording: it has stopped.');
  }
}

/** A 409: the recording cannot do this (a layout for a recording that is not mixed), or Agora already records. */
export class RecordingConflict extends ProblemException {
  constructor(detail: string, extensions: ProblemException['extensions'] = {}) {
    super(HttpStatus.CONFLICT, detail, PROBLEM_TYPES.generic, extensions);
  }
}

/**
 * A start whose outcome is unknown (no answer in time, a broken connection, "already started" without a sid):
 * Agora may be running, and billing, a recording this service cannot address. 504 after a timeout, else 502;
 * `recording` names it (channel, bot uid, resourceId: none is secret) and the detail says how it ends.
 */
export class RecordingStartUnknown extends ProblemException {
  constructor(timedOut: boolean, detail: string, extensions: ProblemException['extensions']) {
    super(timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, detail, UPSTREAM_PROBLEM_TYPE, extensions);
  }
}
