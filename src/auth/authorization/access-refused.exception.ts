import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../../common/problem/problem.types.js';

/**
 * The rules a token request can break, as named in the 403 problem's `rule` member. A token kind
 * refused to end users names its own rule (KindPolicy.refusedToEndUsers): `chat-app` for the Chat app token.
 */
export type AccessRule = 'kinds' | 'projects' | 'channels' | 'roles' | 'maxExpireSeconds' | 'identity' | 'services' | (string & {});

/** An authenticated caller asked for a token outside its policy or identity: a 403 naming the rule. */
export class AccessRefused extends ProblemException {
  constructor(
    readonly rule: AccessRule,
    detail: string,
  ) {
    super(HttpStatus.FORBIDDEN, `Refused by rule ${rule}: ${detail}`, PROBLEM_TYPES.forbidden, { rule });
  }
}
