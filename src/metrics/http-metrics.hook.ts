import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service.js';

/** The route label of requests that matched no route: one series for all of them, whatever the URL. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every answered request in a Fastify onResponse hook, so errors that
 * Fastify answers itself (bad JSON, wrong media type) count as well. Fastify
 * attaches root hooks to every route when it becomes ready, so adding it at
 * module init covers the routes Nest has registered.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      this.metrics.requestAnswered(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}
