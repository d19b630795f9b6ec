import { HttpStatus } from '@nestjs/common';
import type { AgoraService } from '../agora-services/agora-service.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';

/**
 * Media Gateway stream keys' policy: API keys name `stream-keys` in their `kinds`; end users (JWT) only when their
 * JWT_SERVICES_CLAIM names `stream-keys`, and then only for their own identity in channels their claim allows. A key
 * lets whoever holds it publish into the channel as its uid, so it is judged as the publisher it amounts to.
 */
export const STREAM_KEYS: AgoraService = { policyKind: 'stream-keys', endUserService: 'stream-keys', noun: 'stream key' };

/** A 404 about a stream key Agora no longer has. */
export class StreamKeyGone extends ProblemException {
  constructor() {
    super(HttpStatus.NOT_FOUND, 'Agora no longer has this stream key: it was deleted or has expired.', PROBLEM_TYPES.generic);
  }
}

/** A 409: Agora already has a stream key for this channel and uid (its 400 "Streaming key exists…"), or keeps refusing for concurrency. */
export class StreamKeyConflict extends ProblemException {
  constructor(detail: string, extensions: ProblemException['extensions'] = {}) {
    super(HttpStatus.CONFLICT, detail, PROBLEM_TYPES.generic, extensions);
  }
}
