import { Injectable, Optional } from '@nestjs/common';
import { OwnershipIndex } from './ownership-index.js';

/** Resources whose last sequence is remembered; beyond it the oldest is forgotten (the clock still orders them). */
const REMEMBERED = 10_000;

/**
 * Agora's update APIs (media push `sequence`, cloud player `sequence`, STT `sequenceId`) keep the update with the highest
 * number a resource has had, and drop one that comes with a lower number, without an error. This runs the updates
 * of one resource one at a time in this process, each with a number above the last: with Redis (REDIS_URL), one
 * above the last that any replica used, taken atomically; without it, one above this process's last. Never below the
 * tenths of a second since the resource was created, so numbers keep rising after a restart or a Redis flush, and fit
 * a 32-bit integer for six years.
 *
 * @example
 * await sequencer.run(`media-push/${converterId}`, createdAtMs, (sequence) => api.update(…, sequence));
 */
@Injectable()
export class UpdateSequencer {
  private readonly last = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(@Optional() private readonly shared?: OwnershipIndex) {}

  run<T>(resource: string, createdAtMs: number, update: (sequence: number) => Promise<T>): Promise<T> {
    const previous = this.queues.get(resource) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => update(await this.next(resource, createdAtMs)));
    this.queues.set(resource, next);
    // The chain is dropped once its last update has settled, so idle resources cost nothing.
    void next.catch(() => undefined).then(() => {
      if (this.queues.get(resource) === next) this.queues.delete(resource);
    });
    return next;
  }

  private async next(resource: string, createdAtMs: number): Promise<number> {
    const floor = Math.max(1, Math.floor((Date.now() - createdAtMs) / 100));
    const local = Math.max(floor, (this.last.get(resource) ?? 0) + 1);
    const shared = await this.shared?.nextSequence(resource, local);
    const sequence = Math.max(local, shared ?? 0);
    this.last.delete(resource);
    this.last.set(resource, sequence);
    if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value!);
    return sequence;
  }
}
