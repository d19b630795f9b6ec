import { SteadyLoad, type LoadResult } from './steady-load.js';

/** One kind of request the load sends: a token request body, and the project it must be signed for. */
export interface TokenTarget {
  /** How failures and tallies name it, e.g. "video by appId". */
  label: string;
  project: string;
  body: Record<string, unknown>;
}

/** A token the load was answered with, and when its request was sent and answered. */
export interface CollectedToken {
  label: string;
  project: string;
  startedAt: number;
  endedAt: number;
  token: string;
}

/**
 * Steady token requests to POST /v1/rtc/token for several targets at once (a few clients each, see
 * SteadyLoad), keeping every token answered, for a test that checks what was signed around an event.
 */
export class TokenLoad {
  private readonly loads: { target: TokenTarget; load: SteadyLoad }[];

  constructor(baseUrl: string, targets: TokenTarget[], headers: Record<string, string> = {}, clientsEach = 2) {
    this.loads = targets.map((target) => ({
      target,
      load: new SteadyLoad(
        {
          url: `${baseUrl}/v1/rtc/token`,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(target.body),
          keepBody: true,
        },
        clientsEach,
      ),
    }));
  }

  /** The fewest requests any target has had answered that were sent after `time` (ms since the epoch). */
  sentAfter(time = 0): number {
    return Math.min(...this.loads.map(({ load }) => load.results.filter((result) => result.startedAt > time && result.status !== undefined).length));
  }

  /** Ends every client; resolves with each failure ("label: HTTP 500" or the connection error, counted) and every token. */
  async stop(): Promise<{ failures: Record<string, number>; tokens: CollectedToken[] }> {
    const failures: Record<string, number> = {};
    const tokens: CollectedToken[] = [];
    for (const { target, load } of this.loads) {
      for (const result of await load.stop()) {
        const token = result.status === 200 ? tokenIn(result) : undefined;
        if (token === undefined) {
          const failure = `${target.label}: ${result.error ?? `HTTP ${result.status} ${result.body ?? ''}`}`;
          failures[failure] = (failures[failure] ?? 0) + 1;
        } else {
          tokens.push({ label: target.label, project: target.project, startedAt: result.startedAt, endedAt: result.endedAt, token });
        }
      }
    }
    return { failures, tokens };
  }
}

function tokenIn(result: LoadResult): string | undefined {
  const { token } = JSON.parse(result.body ?? '{}') as { token?: unknown };
  return typeof token === 'string' ? token : undefined;
}
