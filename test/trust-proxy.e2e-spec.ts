import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app.js';

const LIMIT = 2;
const PROXY = '10.0.0.5';

/** Behind a load balancer, anonymous callers are told apart by X-Forwarded-For only from trusted proxies. */
describe('TRUST_PROXY', () => {
  const apps: NestFastifyApplication[] = [];
  type Call = (forwardedFor: string, remoteAddress?: string) => ReturnType<NestFastifyApplication['inject']>;
  let trusting: Call;
  let trustingNone: Call;

  const appWith = async (trustProxy?: string): Promise<Call> => {
    const app = await createTestApp({ AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: trustProxy });
    apps.push(app);
    return (forwardedFor, remoteAddress = PROXY) =>
      app.inject({
        method: 'POST',
        url: '/v1/chat/token',
        payload: {},
        headers: { 'x-forwarded-for': forwardedFor },
        remoteAddress,
      });
  };

  // Two apps built once, side by side, under one generous timeout: an app's start-up is most of this spec,
  // and on a loaded CI machine one start-up per test overran the 20 s test timeout. The first two tests share
  // the trusting app; their callers' addresses differ, so their budgets do not.
  beforeAll(async () => {
    [trusting, trustingNone] = await Promise.all([appWith(PROXY), appWith(undefined)]);
  }, 60_000);
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('counts each forwarded client on its own when the proxy is trusted', async () => {
    const call = trusting;

    for (let i = 0; i < LIMIT; i++) expect((await call('203.0.113.1')).statusCode).toBe(200);
    expect((await call('203.0.113.1')).statusCode).toBe(429);
    expect((await call('203.0.113.2')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an address it does not trust, so clients cannot pick their own', async () => {
    const call = trusting;

    for (let i = 0; i < LIMIT; i++) expect((await call(`198.51.100.${i}`, '192.0.2.9')).statusCode).toBe(200);
    expect((await call('198.51.100.99', '192.0.2.9')).statusCode).toBe(429);
  });

  it('trusts no proxy by default: everyone behind the balancer shares its address', async () => {
    const call = trustingNone;

    for (let i = 0; i < LIMIT; i++) expect((await call(`203.0.113.${i}`)).statusCode).toBe(200);
    expect((await call('203.0.113.50')).statusCode).toBe(429);
  });
});
