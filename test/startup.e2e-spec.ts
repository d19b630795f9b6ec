import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import { freePort, spawnService, waitForHttp } from './support/spawn-service.js';

/** Start-up as an operator meets it: the built service, run as a process. */
describe('start-up', () => {
  it('exits non-zero naming a malformed variable, without printing the certificate', async () => {
    const certificate = '0123456789abcdef0123456789abcdeZ';
    const service = spawnService({ APP_ID: '0123456789abcdef0123456789abcdef', APP_CERTIFICATE: certificate });

    expect(await service.exited).not.toBe(0);
    expect(service.output()).toContain('APP_CERTIFICATE must be 32 hexadecimal characters');
    expect(service.output()).not.toContain(certificate);
  });

  it('exits non-zero in production without credentials', async () => {
    const service = spawnService({ NODE_ENV: 'production' });

    expect(await service.exited).not.toBe(0);
    expect(service.output()).toContain('AGORA_PROJECTS_FILE, or APP_ID and APP_CERTIFICATE, are required when NODE_ENV=production');
  });

  it('exits non-zero naming a malformed PORT', async () => {
    const service = spawnService({ PORT: '99999' });

    expect(await service.exited).not.toBe(0);
    expect(service.output()).toContain('PORT must be between 1 and 65535');
  });

  it('serves tokens and Swagger UI on a demo pair in development, warning loudly', async () => {
    const port = await freePort();
    const service = spawnService({ NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`);
      const response = await fetch(`http://127.0.0.1:${port}/v1/rtc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'demo', uid: 1 }),
      });
      const body = (await response.json()) as { token: string; appId: string };
      const docs = await fetch(`http://127.0.0.1:${port}/docs`);

      expect(response.status).toBe(200);
      expect(decodeToken(body.token).verifies('fedcba9876543210fedcba9876543210')).toBe(true);
      expect(body.appId).toBe('0123456789abcdef0123456789abcdef');
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      // Logs are buffered (LOG_SYNC unset): the start-up lines are pushed out once the service listens.
      await eventually(async () => /DEMO credentials\. Agora will reject these tokens/.test(service.output()), 30);
      expect(service.output()).toMatch(/DEMO credentials\. Agora will reject these tokens/);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 45_000);
});
