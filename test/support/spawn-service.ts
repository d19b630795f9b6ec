import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './eventually.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

const MAIN = resolve('dist/main.js');

/** The variables the service reads, removed so a spawned process sees only what a test gives it. */
const SERVICE_VARIABLES = /^(APP_|AGORA_|PORT$|HOST$|CORS_|LOG_LEVEL$|LOG_SYNC$|TOKEN_|NODE_ENV$|AUTH_|API_KEYS|JWT_|REDIS_|RATE_|METRICS_|SHUTDOWN_|LEGACY_|HTTP_|OTEL_)/;

export interface RunningService {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts the built service (`npm test` builds it first) as a real process, in
 * an empty working directory so no developer's .env leaks in.
 */
export function spawnService(env: Record<string, string>): RunningService {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !SERVICE_VARIABLES.test(key)));
  const child = spawn(process.execPath, [MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'token-service-')),
    env: { ...inherited, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Polls until `url` answers, or throws after `timeoutMs`. The default is generous: it returns as soon as the
 * service answers, and on a loaded CI machine (2 cores, 2 workers) a start-up can take well over 10 s.
 */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((tick) => setTimeout(tick, 50));
    }
  }
}

/**
 * The built service on a free port with no caller auth and the test project, `env` on top, once it is ready and
 * has issued one RTC token (a 200, or this throws with the service's output): a service with something to report.
 */
export async function spawnTokenService(env: Record<string, string>): Promise<RunningService & { port: number }> {
  const port = await freePort();
  const service = spawnService({ PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'none', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, ...env });
  const base = `http://127.0.0.1:${port}`;
  const failed = (what: string) => {
    service.child.kill('SIGKILL');
    return new Error(`${what}:\n${service.output()}`);
  };
  await eventually(() => fetch(`${base}/health/ready`).then((r) => r.ok, () => false), 150).catch(() => {
    throw failed('The service did not get ready');
  });
  const answer = await fetch(`${base}/v1/rtc/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":"c","uid":1}' });
  if (answer.status !== 200) throw failed(`POST /v1/rtc/token answered ${answer.status}`);
  return Object.assign(service, { port });
}
