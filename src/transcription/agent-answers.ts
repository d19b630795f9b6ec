import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { AgentAnswer } from './speech-to-text.api.js';
import { ServiceConflict, ServiceNotFound } from '../agora-services/service-problems.js';
import { TRANSCRIPTION } from './transcription-access.js';

/** Agora's gateway answers an unknown path so: a wrong base URL, not an ended agent. */
const GATEWAY_NO_ROUTE = /no route matched/i;

/** The agent's state in an answer, `UNKNOWN` when it names none. */
export function statusOf(answer: AgentAnswer): string {
  return typeof answer.status === 'string' && /^[A-Z_]{1,20}$/.test(answer.status) ? answer.status : 'UNKNOWN';
}

/**
 * Agora's STT answering 404 about an agent (`{detail, reason}`): it runs no such agent any more. Not its gateway's
 * 404 (`{message: "no Route matched …"}`: a wrong base URL), which stays a 502.
 */
export function isGone(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.upstream?.status === 404 && !GATEWAY_NO_ROUTE.test(error.upstream.message ?? '');
}

/** An agent Agora no longer runs is a 404; anything else as the REST layer maps it. */
export function ended(error: unknown): never {
  if (isGone(error)) throw ServiceNotFound.ended(TRANSCRIPTION);
  throw error;
}

/**
 * A refused update: Agora's 409 (another update with a higher sequenceId came first, from another replica or
 * client) as a 409 that says to send it again; a 404 as ended; anything else as the REST layer maps it.
 */
export function updateFailed(error: unknown): never {
  if (error instanceof AgoraUpstreamError && error.upstream?.status === 409) {
    throw new ServiceConflict('Another update of this transcription came first; send it again.', { upstream: error.upstream });
  }
  return ended(error);
}

/** Whether a failed join may have started an agent: no answer in time, or a connection broken after sending. */
export function joinOutcomeUnknown(error: unknown): error is AgoraUpstreamError {
  return error instanceof AgoraUpstreamError && (error.failure === 'timeout' || (error.failure === 'unreachable' && error.arrived));
}
