import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Whether the application is shutting down. The signal handler flips it
 * first (then waits SHUTDOWN_DRAIN_SECONDS), and Nest's
 * beforeApplicationShutdown flips it on any other close, before the HTTP
 * server closes: readiness turns 503 while requests are still answered.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }

  beforeApplicationShutdown(): void {
    this.startDraining();
  }
}
