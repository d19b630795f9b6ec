import { Agent, request } from 'node:http';

/** One request of the load: when it was sent and answered, and its status or the connection error. */
export interface LoadResult {
  startedAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  /** The response body, kept only when the target asks for it ({@link LoadTarget.keepBody}). */
  body?: string;
}

export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Keep each response's body in its result, for a test that checks what was answered, not only that it was. */
  keepBody?: boolean;
}

/**
 * A few clients that each send one request after another on their own keep-alive connection (a new one
 * when the server closes it), as long-lived API clients do, until {@link stop}. Bounded: `clients`
 * connections, one request in flight each, and a request that takes longer than `timeoutMs` is an error.
 */
export class SteadyLoad {
  readonly results: LoadResult[] = [];
  private running = true;
  private readonly loops: Promise<void>[];
  private readonly agents: Agent[];

  constructor(
    private readonly target: LoadTarget,
    clients: number,
    private readonly timeoutMs = 5_000,
  ) {
    this.agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    this.loops = this.agents.map((agent) => this.loop(agent));
  }

  /** Ends every client after its current request; resolves with all results. */
  async stop(): Promise<LoadResult[]> {
    this.running = false;
    await Promise.all(this.loops);
    for (const agent of this.agents) agent.destroy();
    return this.results;
  }

  /** Results of requests sent and answered within [from, to]. */
  between(from: number, to: number): LoadResult[] {
    return this.results.filter((result) => result.startedAt >= from && result.endedAt <= to);
  }

  private async loop(agent: Agent): Promise<void> {
    while (this.running) {
      const startedAt = Date.now();
      const outcome = await this.send(agent);
      this.results.push({ startedAt, endedAt: Date.now(), ...outcome });
    }
  }

  private send(agent: Agent): Promise<Omit<LoadResult, 'startedAt' | 'endedAt'>> {
    const { url, method, headers, body, keepBody } = this.target;
    return new Promise((done) => {
      const req = request(url, { method, headers, agent, timeout: this.timeoutMs }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          done(
            res.statusCode === 200 && !text.includes('"token"')
              ? { error: `200 without a token: ${text}` }
              : { status: res.statusCode, ...(keepBody ? { body: text } : {}) },
          ),
        );
        res.on('error', (error) => done({ error: error.message }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
      req.end(body);
    });
  }
}
