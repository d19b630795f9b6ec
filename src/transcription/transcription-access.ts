import { HttpStatus } from '@nestjs/common';
import type { AgoraService } from '../agora-services/agora-service.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';

/**
 * Real-time transcription's policy: API keys name it `transcription` in their `kinds`; end users (JWT) only when their
 * JWT_SERVICES_CLAIM names `transcription`, and then only channels their channels claim allows. A transcription bills
 * the project for as long as it runs, so no sign-in alone may start one.
 */
export const TRANSCRIPTION: AgoraService = { policyKind: 'transcription', endUserService: 'transcription', noun: 'transcription' };

/** A 404: Agora no longer runs the transcription. */
export class TranscriptionEnded extends ProblemException {
  constructor() {
    super(HttpStatus.NOT_FOUND, 'Agora no longer runs this transcription: it has stopped.', PROBLEM_TYPES.generic);
  }
}

/** A 409: Agora took another update of this transcription first (its sequenceId), or already runs one by this name. */
export class TranscriptionConflict extends ProblemException {
  constructor(detail: string, extensions: ProblemException['extensions'] = {}) {
    super(HttpStatus.CONFLICT, detail, PROBLEM_TYPES.generic, extensions);
  }
}
