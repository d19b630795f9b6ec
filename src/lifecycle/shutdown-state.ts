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
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { endWithRequestTimeout, LINGER_MS } from '../common/http/client-error.handler.js';
import { flushLogs } from '../common/logging/stdout-destination.js';
import { appConfig } from '../config/app.config.js';
import { lastFlushTimeLeft, shutdownMustEndBy } from './shutdown-deadline.js';
import { shutdownConfig } from './shutdown.config.js';
import { OpenConnections } from './open-connections.js';

/**
 * What a shutdown keeps for itself after it ends the connections still open: their clients' time to
 * read the 408 and close (LINGER_MS), then closing Redis (a QUIT that gives up after 250 ms) and exiting.
 */
const AFTER_CUT_MS = LINGER_MS + 1000;

/**
 * The process's way out. Nest runs the shutdown on SIGTERM or SIGINT
 * (`enableShutdownHooks` in main.ts, exiting 0); before it closes the HTTP
 * server, this turns readiness to 503 and waits SHUTDOWN_DRAIN_SECONDS while
 * requests are still answered, so load balancers stop sending them. Then the
 * server stops accepting, in-flight requests finish and providers close their
 * connections (Redis). From the signal on, every answer carries Connection: close.
 *
 * A request still not whole when the server closes (a stalled client) is no
 * longer timed out by Node, so this ends it: one request timeout after the
 * close, but never later than AFTER_CUT_MS before SHUTDOWN_TIMEOUT_SECONDS,
 * every connection still open gets the 408 problem and is closed. Past
 * SHUTDOWN_TIMEOUT_SECONDS the process exits 1 whatever still runs.
 */
@Injectable()
export class ShutdownState implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;
  private connections?: OpenConnections;

  constructor(
    @Inject(shutdownConfig.KEY) private readonly operations: ConfigType<typeof shutdownConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // From the signal on, every answer asks its client to close the connection. Node closes the keep-alive
    // connections that are idle when the server closes, but one whose request is in flight then stays open
    // after an answer that says keep-alive, and holds the shutdown until the timeout (exit 1). During the
    // drain it also moves keep-alive clients off this replica before their connection is closed under them.
    const fastify = this.fastify();
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) reply.header('Connection', 'close');
      done(null, payload);
    });
    this.connections = new OpenConnections(this.adapterHost.httpAdapter.getHttpServer() as Server);
  }

  /** Whether the application is going away: readiness answers 503. */
  get shuttingDown(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    if (!signal) return;
    const { shutdownTimeoutSeconds: timeout, shutdownDrainSeconds: drain } = this.operations;
    const deadline = Date.now() + timeout * 1000;
    shutdownMustEndBy(deadline);
    setTimeout(() => {
      this.logger.error(`Shutdown did not finish within ${timeout} s: exiting anyway`);
      process.exit(1);
    }, timeout * 1000).unref();
    this.logger.log(`${signal} received: readiness now answers 503; draining for ${drain} s`);
    if (drain > 0) await sleep(drain * 1000);
    this.logger.log('Closing: no new connections; waiting for in-flight requests');
    this.endStalledConnections(deadline);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (!signal) return;
    this.logger.log('Shut down cleanly');
    // The process exits next: the buffered lines, this one included, are written before it does, within the deadline.
    await flushLogs(lastFlushTimeLeft(1000));
  }

  /** Schedules the end of the connections the closing server would otherwise wait for (see the class comment). */
  private endStalledConnections(deadline: number): void {
    const untilTimeout = this.app.timeouts.requestSeconds * 1000;
    const delay = Math.max(0, Math.min(untilTimeout, deadline - AFTER_CUT_MS - Date.now()));
    const { log } = this.fastify();
    void this.connections?.endAfter(delay, (socket) => endWithRequestTimeout(socket, log)).then((ended) => {
      if (ended > 0) this.logger.warn(`Ended ${ended} connection(s) still open ${Math.round(delay / 1000)} s after closing: 408`);
    });
  }

  private fastify(): FastifyInstance {
    return this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
  }
}
