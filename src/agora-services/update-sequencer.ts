import { Injectable } from '@nestjs/common';

/** Resources whose last sequence is remembered; beyond it the oldest is forgotten (the clock still orders them). */
const REMEMBERED = 10_000;

/**
 * Agora's update APIs (media push `sequence`, cloud player `sequence`, STT `sequenceId`) apply an update only when its
 * number is above the last one the resource got. This runs the updates of one resource one at a time in this process,
 * each with the next number: the milliseconds since the resource was created, or one more than the last number given
 * here if that is higher. Replicas share no state for it: their clocks keep the numbers increasing across them (an
 * update that another replica's overtakes within the same millisecond is refused by Agora, and answered 409).
 *
 * @example
 * await sequencer.run(`media-push/${converterId}`, createdAtMs, (sequence) => api.update(…, sequence));
 */
@Injectable()
export class UpdateSequencer {
  private readonly last = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  run<T>(resource: string, createdAtMs: number, update: (sequence: number) => Promise<T>): Promise<T> {
    const previous = this.queues.get(resource) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => update(this.next(resource, createdAtMs)));
    this.queues.set(resource, next);
    // The chain is dropped once its last update has settled, so idle resources cost nothing.
    void next.catch(() => undefined).then(() => {
      if (this.queues.get(resource) === next) this.queues.delete(resource);
    });
    return next;
  }

  private next(resource: string, createdAtMs: number): number {
    const sequence = Math.max(Date.now() - createdAtMs, (this.last.get(resource) ?? 0) + 1);
    this.last.delete(resource);
    this.last.set(resource, sequence);
    if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value!);
    return sequence;
  }
}
