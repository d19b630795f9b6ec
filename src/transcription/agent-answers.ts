import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import type { AgentAnswer, ListedAgent } from './speech-to-text.api.js';
import { ServiceConflict, ServiceNotFound } from '../agora-services/service-problems.js';
import { TRANSCRIPTION } from './transcription-access.js';

/** The agent's state in an answer, `UNKNOWN` when it names none. */
export function statusOf(answer: AgentAnswer): string {
  return typeof answer.status === 'string' && /^[A-Z_]{1,20}$/.test(answer.status) ? answer.status : 'UNKNOWN';
}

/** Agora's states of an agent that has exited (successfully or not): it will not run again. */
const EXITED = new Set(['STOPPED', 'FAILED']);

/**
 * What Agora's query says of an agent its list left out (the list answers one state per call, RUNNING by default):
 * `undefined` when it has exited, else its state (STARTING, RECOVERING… it still runs) and start.
 */
export function queriedAgent(agentId: string, answer: AgentAnswer): ListedAgent | undefined {
  const status = statusOf(answer);
  if (EXITED.has(status)) return undefined;
  return { agentId, status, ...(typeof answer.create_ts === 'number' && Number.isSafeInteger(answer.create_ts) ? { startTs: answer.create_ts } : {}) };
}

/**
 * Agora's STT answering 404 about an agent: it runs no such agent any more. Its texts are withheld (see
 * ABOUT_THE_AGENT in speech-to-text.api.ts), so its gateway's 404 for a path it does not know (a wrong
 * AGORA_API_BASE_URL) reads the same here: a join and a list still answer that as a 502, and the base URL is where to look.
 */
export function isGone(error: unknown): boolean {
  return error instanceof AgoraUpstreamError && error.upstream?.status === 404;
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
