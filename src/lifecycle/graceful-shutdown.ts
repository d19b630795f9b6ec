import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /** The longest the drain may take; past it the process exits 1. */
  timeoutSeconds: number;
  signals?: NodeJS.Signals[];
  /** Ends the process; a parameter so the spec can observe it. */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: readiness turns 503 (ShutdownState), the server
 * stops accepting connections and lets in-flight requests finish, providers
 * close their connections (Redis), then the process exits 0. Nest's own
 * enableShutdownHooks() re-raises the signal after closing, which exits 143;
 * orchestrators read that as a crash, so this exits 0 instead.
 *
 * @example
 * shutDownGracefully(app, { timeoutSeconds: 10 });
 */
export function shutDownGracefully(app: INestApplication, options: GracefulShutdownOptions): void {
  const { timeoutSeconds, signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code) } = options;
  const logger = new Logger('Shutdown');
  let started = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) return;
    started = true;
    logger.log(`${signal} received: draining in-flight requests (at most ${timeoutSeconds} s)`);
    const deadline = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutSeconds} s: exiting anyway`);
      exit(1);
    }, timeoutSeconds * 1000);
    deadline.unref();
    app.close().then(
      () => {
        clearTimeout(deadline);
        logger.log('Shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
}
