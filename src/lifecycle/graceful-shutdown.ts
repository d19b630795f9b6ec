import { Logger, type INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShutdownState } from './shutdown-state.js';

export interface GracefulShutdownOptions {
  /** The longest the whole shutdown may take; past it the process exits 1. */
  timeoutSeconds: number;
  /** How long readiness answers 503 before the server stops accepting (time for load balancers to notice). */
  drainSeconds: number;
}

/**
 * On SIGTERM or SIGINT: readiness turns 503, and after `drainSeconds` the
 * server stops accepting connections and lets in-flight requests finish;
 * providers close their connections (Redis), then the process exits 0.
 * Nest's own enableShutdownHooks() re-raises the signal after closing, which
 * exits 143 and reads as a crash; this exits 0 instead.
 *
 * @example
 * shutDownGracefully(app, { timeoutSeconds: 10, drainSeconds: 0 });
 */
export function shutDownGracefully(app: INestApplication, options: GracefulShutdownOptions): void {
  const { timeoutSeconds, drainSeconds } = options;
  const logger = new Logger('Shutdown');
  let started = false;

  const shutDown = async (signal: NodeJS.Signals): Promise<void> => {
    app.get(ShutdownState).startDraining();
    logger.log(`${signal} received: readiness now answers 503; draining for ${drainSeconds} s`);
    if (drainSeconds > 0) await sleep(drainSeconds * 1000);
    logger.log('Closing: no new connections; waiting for in-flight requests');
    await app.close();
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) return;
    started = true;
    const deadline = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutSeconds} s: exiting anyway`);
      process.exit(1);
    }, timeoutSeconds * 1000);
    deadline.unref();
    shutDown(signal).then(
      () => {
        logger.log('Shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, onSignal);
}
