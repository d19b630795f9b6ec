import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app.js';

const LIMIT = 2;
const PROXY = '10.0.0.5';

/** Behind a load balancer, anonymous callers are told apart by X-Forwarded-For only from trusted proxies. */
describe('TRUST_PROXY', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  const appWith = async (trustProxy?: string) => {
    const app = await createTestApp({ AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: trustProxy });
    apps.push(app);
    return (forwardedFor: string, remoteAddress = PROXY) =>
      app.inject({
        method: 'POST',
        url: '/v1/chat/token',
        payload: {},
        headers: { 'x-forwarded-for': forwardedFor },
        remoteAddress,
      });
  };

  it('counts each forwarded client on its own when the proxy is trusted', async () => {
    const call = await appWith(PROXY);

    for (let i = 0; i < LIMIT; i++) expect((await call('203.0.113.1')).statusCode).toBe(200);
    expect((await call('203.0.113.1')).statusCode).toBe(429);
    expect((await call('203.0.113.2')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an address it does not trust, so clients cannot pick their own', async () => {
    const call = await appWith(PROXY);

    for (let i = 0; i < LIMIT; i++) expect((await call(`198.51.100.${i}`, '192.0.2.9')).statusCode).toBe(200);
    expect((await call('198.51.100.99', '192.0.2.9')).statusCode).toBe(429);
  });

  it('trusts no proxy by default: everyone behind the balancer shares its address', async () => {
    const call = await appWith(undefined);

    for (let i = 0; i < LIMIT; i++) expect((await call(`203.0.113.${i}`)).statusCode).toBe(200);
    expect((await call('203.0.113.50')).statusCode).toBe(429);
  });
});
