import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NginxServer } from './support/nginx-server.js';

/**
 * Two stand-in replicas behind deploy/nginx.conf as shipped: each counts what reaches it; the first drops every
 * connection once it has read the request, as a replica dies mid-request. What nginx then does with the request
 * is what decides whether a caller's create reaches Agora once or twice.
 */
class StandIn {
  readonly seen: string[] = [];
  private readonly server: Server;

  constructor(private readonly dropsRequests: boolean) {
    this.server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        this.seen.push(`${request.method} ${request.url}`);
        if (this.dropsRequests) request.socket.destroy();
        else response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

describe('deploy/nginx.conf and a replica that fails mid-request', () => {
  let dying: StandIn;
  let healthy: StandIn;
  let nginx: NginxServer;

  beforeAll(async () => {
    dying = new StandIn(true);
    healthy = new StandIn(false);
    nginx = await NginxServer.start([await dying.listen(), await healthy.listen()]);
  });

  afterAll(async () => {
    await nginx.stop();
    await Promise.all([dying.close(), healthy.close()]);
  });

  /**
   * Sends requests, each with its own number, until one reaches the dying replica (nginx alternates, and leaves a
   * replica out for fail_timeout after a failure); answers that request's status and the path it was sent as.
   */
  async function sendUntilTheDyingOneGetsIt(method: string, path: string): Promise<{ status: number; sent: string }> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const sent = `${path}?n=${attempt}-${Math.random()}`;
      const headers = { 'content-type': 'application/json' };
      const { status } = await fetch(`${nginx.url}${sent}`, { method, headers, body: method === 'GET' ? undefined : '{}' });
      if (dying.seen.includes(`${method} ${sent}`)) return { status, sent };
      await new Promise((pause) => setTimeout(pause, 2_100));
    }
    throw new Error(`nginx never sent ${method} ${path} to the first replica`);
  }

  it('retries a token request on the other replica: issuing a token changes nothing', async () => {
    await new Promise((pause) => setTimeout(pause, 2_100)); // both replicas in rotation
    const { status, sent } = await sendUntilTheDyingOneGetsIt('POST', '/v1/rtc/token');
    expect(status).toBe(200);
    expect(healthy.seen).toContain(`POST ${sent}`);
  });

  it.each([
    ['POST', '/v1/transcriptions'],
    ['PATCH', '/v1/media-pull/some-id'],
    ['POST', '/rtmp/push/start'],
  ])('never sends %s %s on to the other replica once one has read it: a second create would run a second resource at Agora', async (method, path) => {
    await new Promise((pause) => setTimeout(pause, 2_100)); // both replicas back in rotation
    const { status, sent } = await sendUntilTheDyingOneGetsIt(method, path);
    expect(status).toBe(502);
    expect(healthy.seen).not.toContain(`${method} ${sent}`);
  }, 60_000);
});
