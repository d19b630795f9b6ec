import { setTimeout as sleep } from 'node:timers/promises';
import { RedisServer } from '../../test/support/redis-server.js';
import { OwnershipIndex } from './ownership-index.js';
import { UpdateSequencer } from './update-sequencer.js';

describe('UpdateSequencer', () => {
  it('runs the updates of one resource one at a time, in order, each with a higher number', async () => {
    const sequencer = new UpdateSequencer();
    const createdAt = Date.now();
    const seen: Array<{ sequence: number; phase: 'start' | 'end' }> = [];
    const update = async (sequence: number) => {
      seen.push({ sequence, phase: 'start' });
      await sleep(5);
      seen.push({ sequence, phase: 'end' });
      return sequence;
    };
    const numbers = await Promise.all(Array.from({ length: 6 }, () => sequencer.run('media-push/c1', createdAt, update)));
    // Never two at once: every start is followed by its own end.
    for (let at = 0; at < seen.length; at += 2) {
      expect(seen[at]).toEqual({ sequence: numbers[at / 2], phase: 'start' });
      expect(seen[at + 1]).toEqual({ sequence: numbers[at / 2], phase: 'end' });
    }
    for (let at = 1; at < numbers.length; at++) expect(numbers[at]).toBeGreaterThan(numbers[at - 1]);
  });

  it('goes on after a failed update, and numbers keep rising', async () => {
    const sequencer = new UpdateSequencer();
    const createdAt = Date.now();
    const failed = sequencer.run('media-pull/p1', createdAt, () => Promise.reject(new Error('Agora said no')));
    const next = sequencer.run('media-pull/p1', createdAt, async (sequence) => sequence);
    await expect(failed).rejects.toThrow('Agora said no');
    const later = await sequencer.run('media-pull/p1', createdAt, async (sequence) => sequence);
    expect(later).toBeGreaterThan(await next);
  });

  it('numbers a resource from its age (tenths of a second), so a replica without Redis continues above an older number', async () => {
    const createdAt = Date.now() - 60_000;
    const first = await new UpdateSequencer().run('transcription/a1', createdAt, async (sequence) => sequence);
    await sleep(110);
    const second = await new UpdateSequencer().run('transcription/a1', createdAt, async (sequence) => sequence);
    expect(first).toBeGreaterThanOrEqual(600);
    expect(second).toBeGreaterThan(first);
  });

  it('with Redis, numbers rise across replicas even within one instant, and never below the resource’s age', async () => {
    const redis = await RedisServer.start();
    const indexes = [0, 1].map(() => new OwnershipIndex({ perMinute: 60, redisUrl: redis.url }));
    try {
      const [one, two] = indexes.map((index) => new UpdateSequencer(index));
      const createdAt = Date.now();
      const numbers = await Promise.all(Array.from({ length: 10 }, (_, at) => (at % 2 ? one : two).run('media-push/c9', createdAt, async (n) => n)));
      expect(new Set(numbers).size).toBe(10);
      const old = await one.run('media-push/c10', Date.now() - 3_600_000, async (n) => n);
      expect(old).toBeGreaterThanOrEqual(36_000);
    } finally {
      await Promise.all(indexes.map((index) => index.onApplicationShutdown()));
      await redis.stop();
    }
  });

  it('does not hold one resource up behind another', async () => {
    const sequencer = new UpdateSequencer();
    let release!: () => void;
    const slow = sequencer.run('media-push/slow', Date.now(), () => new Promise<string>((resolve) => (release = () => resolve('slow'))));
    await expect(sequencer.run('media-push/fast', Date.now(), async () => 'fast')).resolves.toBe('fast');
    release();
    await expect(slow).resolves.toBe('slow');
  });
});
