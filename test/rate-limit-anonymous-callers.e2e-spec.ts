import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { RateLimitStore } from '../src/auth/rate-limit/rate-limit.store.js';
import { createTestApp } from './support/test-app.js';

const LIMIT = 2;
const CALLERS = 2_000;
/** Every fake timer but the clock: the app's own timers and I/O run as usual. */
const ONLY_THE_CLOCK = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;

/**
 * The memory the in-memory limits hold for AUTH_MODE=none callers, through the real app: one entry per
 * client address (an IPv6 /64 as one), freed once the windows have closed. The 100,000-caller bound
 * itself is MemoryWindowCounter's spec; here the request path shows it is what anonymous callers fill.
 */
describe('Rate limits of anonymous callers (e2e, in memory)', () => {
  let app: NestFastifyApplication;
  let store: RateLimitStore;

  beforeEach(async () => {
    app = await createTestApp({ AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    store = app.get(RateLimitStore);
  });
  afterEach(async () => {
    jest.useRealTimers();
    await app.close();
  });

  const rtc = (remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' }, remoteAddress });

  it('holds one window per client address, and frees them all once their windows have closed', async () => {
    const [addresses] = fc.sample(fc.uniqueArray(fc.ipV4(), { minLength: CALLERS, maxLength: CALLERS }), { numRuns: 1, seed: 17 });
    for (const address of addresses) expect((await rtc(address)).headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
    expect(store.callersInMemory).toBe(CALLERS);
    expect((await rtc(addresses[0])).statusCode).toBe(200);
    expect((await rtc(addresses[0])).statusCode).toBe(429);

    // Two windows later every one of them has closed: the next request finds only itself held.
    jest.useFakeTimers({ now: Date.now() + 2 * 60_000 + 1, doNotFake: [...ONLY_THE_CLOCK] });
    const next = await rtc(addresses[0]);
    expect(next.statusCode).toBe(200);
    expect(next.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
    expect(store.callersInMemory).toBe(1);
  });

  it('holds one window for all the addresses of an IPv6 /64', async () => {
    const hosts = fc.sample(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })), { numRuns: 50, seed: 17 });
    const responses = [];
    for (const [a, b] of hosts) responses.push(await rtc(`2001:db8:17:1::${a.toString(16)}:${b.toString(16)}`));
    expect(store.callersInMemory).toBe(1);
    expect(responses.filter((res) => res.statusCode === 200)).toHaveLength(LIMIT);
    expect(responses.filter((res) => res.statusCode === 429)).toHaveLength(hosts.length - LIMIT);
  });
});
