import { Controller, Get, Inject, Query, type LoggerService } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AgoraRestClient } from '../../src/agora-rest/agora-rest.client.js';
import { AgoraRestModule } from '../../src/agora-rest/agora-rest.module.js';
import type { AgoraProject } from '../../src/agora/projects/project.interface.js';
import { ProblemDetailsFilter } from '../../src/common/problem/problem-details.filter.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import type { FakeCredentials } from './fake-agora.js';
import { withEnv, type Env } from './test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** The AgoraRestModule as a feature gets it, its metrics, and every log line it wrote. */
export interface RestClientUnderTest {
  readonly client: AgoraRestClient;
  readonly metrics: MetricsService;
  readonly logs: string[];
  /** The lines Fastify's own logger (pino, at trace) wrote: the request's, and the problem filter's. */
  readonly fastifyLogs: string[];
  /** The Nest app around it: `/metrics`, and `GET /probe?path=…&retry=…` (a route that makes one call, see below). */
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

const PROBE_PROJECT = Symbol('probe project');

/**
 * A route as a feature's would be: it makes one GET call for the project the harness was given (`probe.api`),
 * so a failure is answered by the service's ProblemDetailsFilter exactly as a feature's route answers it.
 */
@Controller('probe')
class ProbeController {
  constructor(
    private readonly client: AgoraRestClient,
    @Inject(PROBE_PROJECT) private readonly project: AgoraProject,
  ) {}

  @Get()
  probe(@Query('path') path: string, @Query('retry') retry: 'transient' | 'none', @Query('timeoutMs') timeoutMs: string) {
    return this.client.call({ project: this.project, api: 'probe.api', method: 'GET', path, retry, timeoutMs: Number(timeoutMs) });
  }
}

/**
 * The real AgoraRestModule (configuration, client, metrics and GET /metrics) in a Fastify app of its own, as a
 * feature module gets it, with the service's problem filter, configured by `env` (AGORA_API_BASE_URL at a
 * FakeAgora); its log lines are collected in `logs`. With `probe`, the app also serves ProbeController for
 * that project. (Until a feature's route calls the client, the service's own app has no route that reaches it.)
 */
export async function restClient(env: Env, probe?: AgoraProject): Promise<RestClientUnderTest> {
  const logs: string[] = [];
  const fastifyLogs: string[] = [];
  const collect = (level: string) => (message: unknown) => void logs.push(`${level} ${String(message)}`);
  const logger: LoggerService = { log: collect('info'), warn: collect('warn'), error: collect('error'), debug: collect('debug'), verbose: collect('trace') };
  const app = await withEnv({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, AGORA_API_RETRY_BASE_MS: '1', ...env }, async () => {
    const module = await Test.createTestingModule({
      imports: [AgoraRestModule],
      controllers: probe ? [ProbeController] : [],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, ...(probe ? [{ provide: PROBE_PROJECT, useValue: probe }] : [])],
    }).compile();
    const adapter = new FastifyAdapter({ logger: { level: 'trace', stream: { write: (line: string) => void fastifyLogs.push(line) } } });
    return module.createNestApplication<NestFastifyApplication>(adapter, { logger });
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { client: app.get(AgoraRestClient), metrics: app.get(MetricsService), logs, fastifyLogs, app, close: () => app.close() };
}

/** A project with these REST credentials. */
export function restProject(credentials: FakeCredentials, name = 'default'): AgoraProject {
  return { name, appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE, rest: credentials };
}
