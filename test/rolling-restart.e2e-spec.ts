import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { eventually } from './support/eventually.js';
import { NginxServer } from './support/nginx-server.js';
import { RedisServer } from './support/redis-server.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { SteadyLoad, type LoadResult } from './support/steady-load.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/** .env.example's non-empty settings: the defaults the compose file's replicas run with. */
function shippedEnv(): Record<string, string> {
  const lines = readFileSync('.env.example', 'utf8').split('\n');
  const settings = lines.map((line) => /^([A-Z_]+)=(.+)$/.exec(line.trim())).filter((match) => match !== null);
  return Object.fromEntries(settings.map(([, name, value]) => [name, value]));
}

const API_KEY = newApiKey();
const CLIENTS = 4;

/** One replica as docker-compose.yml runs it, on a loopback port instead of the compose network. */
class Replica {
  private service!: RunningService;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.service = spawnService({ ...this.env, PORT: String(this.port) });
    await eventually(() => fetch(`http://127.0.0.1:${this.port}/health/ready`).then((r) => r.ok, () => false), 200);
  }

  /** SIGTERM, as `docker-compose restart` sends it; resolves with the exit code. */
  terminate(): Promise<number | null> {
    this.service.child.kill('SIGTERM');
    return this.service.exited;
  }

  kill(): void {
    const { child } = this.service ?? {};
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  output(): string {
    return this.service.output();
  }

  /** Whether this process (since its last start) has answered a token request: nginx sends it traffic. */
  served(): boolean {
    return this.service
      .output()
      .split('\n')
      .slice(0, -1) // the last line may still be arriving
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { route?: string; statusCode?: number })
      .some((line) => line.route === '/v1/rtc/token' && line.statusCode === 200);
  }
}

/** How many times each value occurs, for a readable failure message. */
function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** nginx's upstream errors and warnings, without the connection numbers that make each line unique. */
function upstreamTroubles(errorLog: string): Record<string, number> {
  const lines = errorLog.match(/\[(error|warn)\].*/g) ?? [];
  return tally(lines.map((line) => line.replace(/ \d+#\d+: \*\d+/, '').replace(/, client: .*/, '')));
}

describe('rolling both replicas behind deploy/nginx.conf with the shipped defaults', () => {
  let redis: RedisServer;
  let nginx: NginxServer;
  let load: SteadyLoad | undefined;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const env = {
      ...shippedEnv(),
      // docker-compose.yml's environment for both replicas, on loopback.
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      TRUST_PROXY: '127.0.0.1',
      // What every operator fills in .env: credentials and a caller check.
      APP_ID: TEST_APP_ID,
      APP_CERTIFICATE: TEST_APP_CERTIFICATE,
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'rolling-test', key: API_KEY }]),
      // The load is one caller far above the default per-caller budget; a 429 would hide what is tested.
      RATE_LIMIT_PER_MINUTE: '1000000',
    };
    replicas.push(new Replica(await freePort(), env), new Replica(await freePort(), env));
    await Promise.all(replicas.map((replica) => replica.start()));
    nginx = await NginxServer.start(replicas.map((replica) => replica.port));
  }, 30_000);

  afterAll(async () => {
    await load?.stop();
    replicas.forEach((replica) => replica.kill());
    await nginx?.stop();
    await redis?.stop();
  });

  it('answers every request with a token while each replica in turn drains, exits and comes back', async () => {
    load = new SteadyLoad(
      {
        url: `${nginx.url}/v1/rtc/token`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body: JSON.stringify({ channel: 'rolling-restart', uid: 42, role: 'publisher' }),
      },
      CLIENTS,
      // Longer than nginx's own upstream timeouts: if a request is slow, nginx's answer says why.
      15_000,
    );
    await eventually(async () => load!.results.filter((r) => r.status === 200).length >= 50);

    const downtimes: { from: number; to: number }[] = [];
    for (const replica of replicas) {
      const code = await replica.terminate();
      const from = Date.now();
      expect({ code, output: code === 0 ? '' : replica.output() }).toEqual({ code: 0, output: '' });
      await replica.start();
      downtimes.push({ from, to: Date.now() });
    }
    // nginx left the replica rolled last out of rotation when it stopped accepting; it takes it back.
    await eventually(async () => replicas.every((replica) => replica.served()));
    const results = await load.stop();

    const failed = results.filter((r) => r.status !== 200);
    // On failure, nginx's error log says why (connect() refused, "no live upstreams", ...).
    expect({
      failed: tally(failed.map((r) => r.error ?? `HTTP ${r.status}`)),
      of: results.length,
      nginx: failed.length > 0 ? upstreamTroubles(nginx.errorLog()) : {},
    }).toEqual({ failed: {}, of: results.length, nginx: {} });
    // Not vacuous: nginx met each replica going away (a refused or reset connection, retried on the
    // other one), and while each replica was down the other answered what was asked.
    expect(nginx.errorLog().match(/\[error\].*(Connection refused|Connection reset by peer)/g)?.length).toBeGreaterThanOrEqual(2);
    for (const { from, to } of downtimes) {
      expect(load.between(from, to).filter((r) => r.status === 200).length).toBeGreaterThan(CLIENTS);
    }
  }, 60_000);
});
