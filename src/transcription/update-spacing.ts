import { HttpStatus, Injectable } from '@nestjs/common';
import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';
import { withHeaders } from '../common/problem/problem-headers.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import { PROBLEM_TYPES } from '../common/problem/problem.types.js';

/** Agora's STT guide: an update at least 5 s after the start, and 5 s after the agent's previous update. */
export const UPDATE_SPACING_MS = 5_000;
/** Agents whose last update is remembered; beyond it the oldest is forgotten (its start still spaces the first). */
const REMEMBERED = 10_000;

/**
 * Agora's spacing of a transcription's updates, kept by this service since Agora documents no answer for an update that
 * breaks it: one sooner is refused before Agora hears of it, a 429 whose Retry-After says when it is allowed (rather
 * than held for up to 5 s, which would keep a connection and, behind it, every later update of the agent waiting). The
 * start is in the sealed id, so its 5 s hold on every replica; the last update is known to the replica that sent it.
 *
 * @example
 * const release = spacing.claim(agentId, createdAtMs); // or a 429
 * await api.update(…).catch((error) => { release(error); throw error; });
 */
@Injectable()
export class UpdateSpacing {
  private readonly last = new Map<string, number>();

  /**
   * Takes the agent's next update slot, or throws the 429 to answer. The function returned gives the slot back when
   * Agora refused the call without acting on it (its rate limit, or no connection made).
   */
  claim(agentId: string, startedAtMs: number): (error: unknown) => void {
    const now = Date.now();
    const previous = this.last.get(agentId);
    const allowedAt = Math.max(startedAtMs, previous ?? 0) + UPDATE_SPACING_MS;
    if (now < allowedAt) {
      const seconds = Math.ceil((allowedAt - now) / 1000);
      const detail = `Agora takes a transcription’s updates ${UPDATE_SPACING_MS / 1000} s after its start and after each other: send it again in ${seconds} s.`;
      throw withHeaders(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, detail, PROBLEM_TYPES.generic), { 'Retry-After': String(seconds) });
    }
    this.remember(agentId, now);
    return (error) => {
      const untouched = error instanceof AgoraUpstreamError && (error.failure === 'rate_limited' || !error.arrived);
      if (!untouched || this.last.get(agentId) !== now) return;
      if (previous === undefined) this.last.delete(agentId);
      else this.remember(agentId, previous);
    };
  }

  private remember(agentId: string, at: number): void {
    this.last.delete(agentId);
    this.last.set(agentId, at);
    if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value!);
  }
}
