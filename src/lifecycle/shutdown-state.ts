import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Whether the application is shutting down. Nest calls
 * beforeApplicationShutdown before it closes the HTTP server, so readiness
 * turns 503 while in-flight requests are still being answered.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}
