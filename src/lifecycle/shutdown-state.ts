import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { operationsConfig } from '../config/operations.config.js';

/**
 * The process's way out. Nest runs the shutdown on SIGTERM or SIGINT
 * (`enableShutdownHooks` in main.ts, exiting 0); before it closes the HTTP
 * server, this turns readiness to 503 and waits SHUTDOWN_DRAIN_SECONDS while
 * requests are still answered, so load balancers stop sending them. Then the
 * server stops accepting, in-flight requests finish and providers close their
 * connections (Redis). Past SHUTDOWN_TIMEOUT_SECONDS the process exits 1.
 * From the signal on, every answer carries Connection: close.
 */
@Injectable()
export class ShutdownState implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;

  constructor(
    @Inject(operationsConfig.KEY) private readonly operations: ConfigType<typeof operationsConfig>,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // From the signal on, every answer asks its client to close the connection. Node closes the keep-alive
    // connections that are idle when the server closes, but one whose request is in flight then stays open
    // after an answer that says keep-alive, and holds the shutdown until the timeout (exit 1). During the
    // drain it also moves keep-alive clients off this replica before their connection is closed under them.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) reply.header('Connection', 'close');
      done(null, payload);
    });
  }

  /** Whether the application is going away: readiness answers 503. */
  get shuttingDown(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    if (!signal) return;
    const { shutdownTimeoutSeconds: timeout, shutdownDrainSeconds: drain } = this.operations;
    setTimeout(() => {
      this.logger.error(`Shutdown did not finish within ${timeout} s: exiting anyway`);
      process.exit(1);
    }, timeout * 1000).unref();
    this.logger.log(`${signal} received: readiness now answers 503; draining for ${drain} s`);
    if (drain > 0) await sleep(drain * 1000);
    this.logger.log('Closing: no new connections; waiting for in-flight requests');
  }

  onApplicationShutdown(signal?: string): void {
    if (signal) this.logger.log('Shut down cleanly');
  }
}
