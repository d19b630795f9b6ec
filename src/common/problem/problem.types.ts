import type { FieldErrorDto, ProblemDto } from './problem.dto.js';

export type FieldError = FieldErrorDto;
export type Problem = ProblemDto;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs this service defines (RFC 9457 §3.1.1). */
export const PROBLEM_TYPES = {
  validation: 'urn:agora-token-service:problem:validation',
  forbidden: 'urn:agora-token-service:problem:forbidden',
  generic: 'about:blank',
} as const;
