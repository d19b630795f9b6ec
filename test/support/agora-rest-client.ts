import type { LoggerService } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AgoraRestClient } from '../../src/agora-rest/agora-rest.client.js';
import { AgoraRestModule } from '../../src/agora-rest/agora-rest.module.js';
import type { AgoraProject } from '../../src/agora/projects/project.interface.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import type { FakeCredentials } from './fake-agora.js';
import { withEnv, type Env } from './test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** The AgoraRestModule as a feature gets it, its metrics, and every log line it wrote. */
export interface RestClientUnderTest {
  readonly client: AgoraRestClient;
  readonly metrics: MetricsService;
  readonly logs: string[];
  /** The Nest app around it: `app.inject({ url: '/metrics' })` reads the metrics as Prometheus does. */
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * The real AgoraRestModule (configuration, client, metrics and GET /metrics) in a Fastify app of its own, as a
 * feature module gets it, configured by `env` (AGORA_API_BASE_URL at a FakeAgora); its log lines are collected
 * in `logs`. (Until a feature route calls the client, the service's app has no route to reach it through.)
 */
export async function restClient(env: Env): Promise<RestClientUnderTest> {
  const logs: string[] = [];
  const collect = (level: string) => (message: unknown) => void logs.push(`${level} ${String(message)}`);
  const logger: LoggerService = { log: collect('info'), warn: collect('warn'), error: collect('error'), debug: collect('debug'), verbose: collect('trace') };
  const app = await withEnv({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, AGORA_API_RETRY_BASE_MS: '1', ...env }, async () => {
    const module = await Test.createTestingModule({ imports: [AgoraRestModule] }).compile();
    return module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger });
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { client: app.get(AgoraRestClient), metrics: app.get(MetricsService), logs, app, close: () => app.close() };
}

/** A project with these REST credentials. */
export function restProject(credentials: FakeCredentials, name = 'default'): AgoraProject {
  return { name, appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE, rest: credentials };
}
