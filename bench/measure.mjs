// How one target is started, loaded and measured. Everything talks to 127.0.0.1 only.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The one request every target answers: an RTC publisher token. */
export const REQUEST = {
  method: 'POST',
  path: '/v1/rtc/token',
  body: JSON.stringify({ channel: 'bench-room', uid: 42, role: 'publisher' }),
};

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a target and measures its cold start: from spawn until it has
 * answered the first token request with 200.
 */
export async function start({ command, args, env, headers, body = REQUEST.body }) {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await firstToken(child, url, args, headers, body);
  } catch (error) {
    // A target that never answered must not outlive the benchmark.
    child.kill('SIGKILL');
    throw error;
  }
  const coldStartMs = performance.now() - startedAt;
  return {
    url,
    pid: child.pid,
    coldStartMs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Asks for a token until the first 200 (the end of the cold start); refuses any other answer. */
async function firstToken(child, url, args, headers, body) {
  // Time, not attempts: a loaded machine makes each refused connection slower.
  const giveUpAt = performance.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url + REQUEST.path, {
        method: REQUEST.method,
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      if (response.status === 200) return;
      throw new Error(`first token request answered ${response.status}: ${await response.text()}`);
    } catch (error) {
      if (error.message.startsWith('first token') || performance.now() > giveUpAt) throw error;
      await sleep(2);
    }
  }
}

/** The process's peak resident set size (VmHWM), in MiB. */
export function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)[1]);
  return kib / 1024;
}

/** Loads a target with autocannon: the same request, connections and duration for all. */
export async function load(url, { connections, seconds, headers, body = REQUEST.body }) {
  const result = await autocannon({
    url: url + REQUEST.path,
    method: REQUEST.method,
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} non-2xx answers under load`);
  }
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}
