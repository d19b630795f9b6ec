import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShutdownState } from '../src/lifecycle/shutdown-state.js';
import { RedisServer } from './support/redis-server.js';
import { createTestApp } from './support/test-app.js';

describe('health and ping', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('GET /health answers 200 with a status body', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('GET /ping answers pong, as the community servers do', async () => {
    const response = await app.inject({ method: 'GET', url: '/ping' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: 'pong' });
  });
});

describe('Health probes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('GET /health/live answers 200 while the process answers', async () => {
    const response = await get('/health/live');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('GET /health/ready answers 200 with configuration loaded and no shutdown under way', async () => {
    const response = await get('/health/ready');

    expect(response.statusCode).toBe(200);
    const projects = { status: 'up', generation: 1, loadedAt: expect.any(String), count: 1 };
    const checks = { config: { status: 'up' }, projects, rateLimitStore: { status: 'up', store: 'memory' }, lifecycle: { status: 'up' } };
    expect(response.json()).toEqual({ status: 'ok', info: checks, error: {}, details: checks });
    // Loaded when the app started, before this request.
    expect(Date.parse(response.json().info.projects.loadedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('documents the probes in the OpenAPI document', async () => {
    const { paths } = (await get('/docs-json')).json();

    expect(paths['/health/live'].get.summary).toBe('Liveness probe');
    expect(Object.keys(paths['/health/ready'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });
});

describe('Readiness during shutdown', () => {
  it('answers 503 (problem+json) once shutdown has started, while liveness stays 200', async () => {
    const app = await createTestApp();
    try {
      // What Nest calls on app.close() before it closes the server, and what the signal handler calls first.
      app.get(ShutdownState).beforeApplicationShutdown();

      const ready = await app.inject({ method: 'GET', url: '/health/ready', headers: { 'x-request-id': 'ready-1' } });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.json()).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The service cannot answer right now; try again shortly.',
        instance: '/health/ready',
        requestId: 'ready-1',
      });
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('Readiness with REDIS_URL', () => {
  it('is ready while Redis answers, and answers 503 once it does not', async () => {
    const redis = await RedisServer.start();
    const app = await createTestApp({ REDIS_URL: redis.url });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().details.rateLimitStore).toEqual({ status: 'up', store: 'redis' });

      await redis.stop();
      let status = 200;
      // The client notices the closed connection on its own schedule: ask until it has.
      for (let attempt = 0; attempt < 200 && status === 200; attempt++) {
        status = (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode;
        if (status === 200) await sleep(10);
      }
      expect(status).toBe(503);
      // Liveness does not depend on Redis: the process still answers.
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await redis.stop();
    }
  });
});
