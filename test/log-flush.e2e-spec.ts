import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { freePort, spawnService, waitForHttp, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

// The service writes its logs through a buffer by default (LOG_SYNC=false): these specs prove that no line is
// lost on the way out. The built service runs as in production and as the benchmark runs it (API keys, info
// request lines), its stdout a pipe read here; the reading is paused for a while under load, so the pipe fills
// and the service's writes wait on its reader.

const KEY = newApiKey();
const KEYS_FILE = writeApiKeysFile([{ id: 'load', key: KEY }]);
/** Keep-alive connections sending requests at once. */
const CONNECTIONS = 32;
/** Answers before the signal: enough that the buffer has been written out many times over. */
const ANSWERED_BEFORE_SIGNAL = 1500;

interface Started extends RunningService {
  base: string;
  /** stdout alone (stderr kept apart: its chunks would split stdout's lines). */
  stdout: () => string;
}

async function start(env: Record<string, string>, port?: number): Promise<Started> {
  const chosen = port ?? (await freePort());
  const service = spawnService({
    NODE_ENV: 'production',
    PORT: String(chosen),
    HOST: '127.0.0.1',
    AUTH_MODE: 'apikey',
    API_KEYS_FILE: KEYS_FILE,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    APP_ID: TEST_APP_ID,
    APP_CERTIFICATE: TEST_APP_CERTIFICATE,
    ...env,
  });
  let stdout = '';
  service.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return Object.assign(service, { base: `http://127.0.0.1:${chosen}`, stdout: () => stdout });
}

/** Every JSON line of the output; a line cut short or mangled fails the parse, and the test with it. */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Token requests from CONNECTIONS loops on fetch's keep-alive connections, each with its own X-Request-Id, until the service stops
 * answering; resolves with the ids of the requests answered 200. `onAnswered` sees the running count.
 */
async function load(base: string, onAnswered: (count: number) => void): Promise<Set<string>> {
  const answered = new Set<string>();
  const loop = async (connection: number): Promise<void> => {
    for (let request = 0; ; request++) {
      const id = `load-${connection}-${request}`;
      try {
        const answer = await fetch(`${base}/v1/rtc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'x-request-id': id },
          body: JSON.stringify({ channel: `room-${connection}`, uid: request + 1 }),
        });
        await answer.arrayBuffer();
        if (answer.status !== 200) return;
        expect(answer.headers.get('x-request-id')).toBe(id);
        answered.add(id);
        onAnswered(answered.size);
      } catch {
        return; // refused or reset: the service has closed
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, connection) => loop(connection)));
  return answered;
}

describe('logs on the way out', () => {
  it.each([
    ['SIGTERM', 'false'],
    ['SIGINT', 'false'],
    ['SIGTERM', 'true'],
  ] as const)('%s under load, LOG_SYNC=%s: every answered request has its line, and the shutdown its last', async (signal, sync) => {
    const service = await start({ LOG_SYNC: sync });
    try {
      await waitForHttp(`${service.base}/health/ready`);
      // The reader falls behind: the pipe fills, and the service's writes wait (or are retried) until it reads again.
      service.child.stdout!.pause();
      setTimeout(() => service.child.stdout!.resume(), 1000);
      let signalled = false;
      const answered = await load(service.base, (count) => {
        if (count >= ANSWERED_BEFORE_SIGNAL && !signalled) {
          signalled = true;
          service.child.kill(signal);
        }
      });
      expect(signalled).toBe(true);
      expect(await service.exited).toBe(0);

      const lines = jsonLines(service.stdout());
      const logged = new Set(lines.filter((line) => line.msg === 'request completed').map((line) => line.requestId));
      const missing = [...answered].filter((id) => !logged.has(id));
      expect(missing).toEqual([]);
      expect(answered.size).toBeGreaterThanOrEqual(ANSWERED_BEFORE_SIGNAL);
      expect(lines.at(-1)).toMatchObject({ context: 'Shutdown', msg: 'Shut down cleanly' });
    } finally {
      service.child.kill('SIGKILL');
    }
  }, 60_000);

  it('a start-up that fails after logging writes those lines before the process exits 1', async () => {
    // The port is taken: everything up to listening succeeds and logs, then listening fails.
    const taken: Server = createServer();
    const port = await new Promise<number>((done) => taken.listen(0, '127.0.0.1', () => done((taken.address() as { port: number }).port)));
    try {
      const service = await start({}, port);
      expect(await service.exited).toBe(1);
      const lines = jsonLines(service.stdout());
      // The projects line is logged while the app is built, long before the listen that fails.
      expect(lines).toContainEqual(expect.objectContaining({ context: 'Projects', level: 'info' }));
      expect(service.output()).toContain('Start-up failed: Error: listen EADDRINUSE');
    } finally {
      taken.close();
    }
  }, 60_000);
});
