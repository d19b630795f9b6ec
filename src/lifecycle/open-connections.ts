import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The HTTP server's open connections, followed from its `connection` event:
 * one entry per connection, none per request. Node's own slow-client timeouts
 * stop when the server closes (it clears their sweep in `server.close()`), so
 * a shutdown has to end what is still open itself.
 */
export class OpenConnections {
  private readonly sockets = new Set<Socket>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** After `delayMs`, passes each connection still open to `end`, and resolves with how many it ended (said true). */
  endAfter(delayMs: number, end: (socket: Socket) => boolean): Promise<number> {
    return new Promise((resolve) => {
      setTimeout(() => resolve([...this.sockets].filter(end).length), delayMs).unref();
    });
  }
}
