import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A pair of REST credentials the fake accepts (Agora console → RESTful API). */
export interface FakeCredentials {
  readonly customerId: string;
  readonly customerSecret: string;
}

/** One request as the fake received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** The body parsed as JSON; undefined when empty or not JSON (`rawBody` has it). */
  readonly body: unknown;
  readonly rawBody: string;
  /** The credentials its Basic auth carried, when they are ones the fake accepts. */
  readonly credentials?: FakeCredentials;
  /** The named groups of the route's RegExp path (`(?<appId>…)`). */
  readonly params: Record<string, string>;
}

/** How the fake answers one request. */
export interface FakeAnswer {
  /** Default 200. */
  readonly status?: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is (text/plain unless `headers` says otherwise), instead of `body`: garbage, HTML error pages… */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (a slow Agora; longer than the client's timeout: a timeout). */
  readonly delayMs?: number;
  /** Destroy the socket instead of answering (after `delayMs`): a connection that breaks mid-call. */
  readonly destroy?: boolean;
}

/** A scripted answer: fixed, or computed from the request (and the fake, to read what it recorded). */
export type FakeResponder = FakeAnswer | ((request: RecordedRequest, fake: FakeAgora) => FakeAnswer | Promise<FakeAnswer>);

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly answers: FakeResponder[];
  served: number;
}

/**
 * A fake Agora REST host for specs: a real HTTP server on 127.0.0.1 that checks Basic auth (401
 * `{"message":"Invalid authentication credentials"}` otherwise, as Agora's gateway answers), records every
 * request, and answers from routes the spec scripts. A route's answers are served in order, the last one
 * repeating, so `on('GET', path, { status: 503 }, { status: 503 }, ok)` fails twice, then succeeds. Unscripted
 * paths answer 404 `{"message":"no Route matched with those values"}`. Start two to play the primary and the
 * fallback host. Generic: feature fakes (test/support/fake-agora-recording.ts) script Agora's APIs on it.
 *
 * @example
 * const agora = await FakeAgora.start([{ customerId: 'id', customerSecret: 'secret' }]);
 * agora.on('POST', /^\/v1\/apps\/(?<appId>\w+)\/cloud_recording\/acquire$/, { body: { resourceId: 'r1' } });
 * // AGORA_API_BASE_URL: agora.url … agora.requests[0].body … await agora.close();
 */
export class FakeAgora {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly accepted: FakeCredentials[],
  ) {}

  static async start(credentials: readonly FakeCredentials[] = []): Promise<FakeAgora> {
    let fake: FakeAgora | undefined;
    const server = createServer((request, response) => {
      // A responder that throws is a broken spec: answer 500 rather than leave the client waiting.
      fake!.handle(request, response).catch(() => send(response, { status: 500, raw: 'fake-agora responder failed' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeAgora(server, `http://127.0.0.1:${port}`, [...credentials]);
    return fake;
  }

  /** Accepts these credentials too (a project added to the spec's configuration). */
  accept(credentials: FakeCredentials): this {
    this.accepted.push(credentials);
    return this;
  }

  /** Scripts a route; a later script for the same method and path comes first. */
  on(method: string, path: string | RegExp, ...answers: FakeResponder[]): this {
    if (answers.length === 0) throw new Error('a route needs at least one answer');
    this.routes.unshift({ method, path, answers, served: 0 });
    return this;
  }

  /** Forgets the scripted routes and the recorded requests. */
  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  /** The recorded requests to a path (exact, or matching a RegExp). */
  requestsTo(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((request) => matches(path, request.path) !== undefined);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = this.routes.find((candidate) => candidate.method === request.method && matches(candidate.path, url.pathname));
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: parseJson(rawBody),
      rawBody,
      credentials: this.credentialsOf(request.headers.authorization),
      params: route ? (matches(route.path, url.pathname) ?? {}) : {},
    };
    this.requests.push(recorded);
    if (recorded.credentials === undefined) return send(response, { status: 401, body: { message: 'Invalid authentication credentials' } });
    if (route === undefined) return send(response, { status: 404, body: { message: 'no Route matched with those values' } });
    const responder = route.answers[Math.min(route.served++, route.answers.length - 1)];
    const answer = typeof responder === 'function' ? await responder(recorded, this) : responder;
    if (answer.delayMs) await sleep(answer.delayMs);
    if (answer.destroy) return void request.socket.destroy();
    send(response, answer);
  }

  private credentialsOf(authorization: string | undefined): FakeCredentials | undefined {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    return this.accepted.find(({ customerId, customerSecret }) => decoded === `${customerId}:${customerSecret}`);
  }
}

function matches(path: string | RegExp, actual: string): Record<string, string> | undefined {
  if (typeof path === 'string') return path === actual ? {} : undefined;
  const match = path.exec(actual);
  return match ? { ...match.groups } : undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  if (response.destroyed) return;
  const json = answer.raw === undefined && answer.body !== undefined;
  const payload = answer.raw ?? (json ? JSON.stringify(answer.body) : '');
  const type = json ? 'application/json' : 'text/plain';
  response.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
  response.end(payload);
}
