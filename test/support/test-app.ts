import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

export type Env = Record<string, string | undefined>;

/** Runs `fn` with these variables set (undefined unsets one), then restores the environment. */
export async function withEnv<T>(env: Env, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  assign(env);
  try {
    return await fn();
  } finally {
    assign(saved);
  }
}

function assign(env: Env): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/**
 * The real application (same factory as production) on the test credentials,
 * with overrides. Configuration is read while it is created. Logs are off
 * unless `options` turns them on (with a destination to read them from).
 */
export function createTestApp(env: Env = {}, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  return withEnv({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, ...env }, () =>
    createApp({ requestLogs: false, logger: false, ...options }),
  );
}

/** Log lines an app writes, parsed: pass `stream` as createTestApp's logStream. */
export function captureLogs(): { stream: { write(line: string): void }; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { stream: { write: (line: string) => void lines.push(JSON.parse(line)) }, lines };
}
