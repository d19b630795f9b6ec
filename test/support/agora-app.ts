import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateAppOptions } from '../../src/app.factory.js';
import { newApiKey, writeApiKeysFile, type TestKey } from './api-keys.js';
import { createTestApp, type Env } from './test-app.js';

/** A key of an Agora service spec: its id and policy; the key itself is made here. */
export type SpecKeyPolicy = Omit<TestKey, 'key'> & { resources?: 'own' | 'any'; recordings?: 'own' | 'any' };

/** The real app calling a fake Agora, with API keys by id (their headers and the keys themselves). */
export interface AgoraApp<Fake> {
  fake: Fake;
  app: NestFastifyApplication;
  keys: Record<string, { readonly headers: Record<string, string>; readonly key: string }>;
  close(): Promise<void>;
}

/**
 * What the Agora service specs' apps share: `fake` started, the app configured by `fakeEnv` to call it, API-key auth
 * with one key per policy, a rate limit no spec reaches, then `env` over all of it. Closing closes both.
 */
export async function startAgoraApp<Fake extends { close(): Promise<void> }>(
  fake: Fake,
  fakeEnv: Env,
  policies: readonly SpecKeyPolicy[],
  env: Env = {},
  options?: CreateAppOptions,
): Promise<AgoraApp<Fake>> {
  const entries = policies.map((policy) => ({ ...policy, key: newApiKey() }));
  const app = await createTestApp(
    { ...fakeEnv, AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(entries), RATE_LIMIT_PER_MINUTE: '100000', ...env },
    options,
  );
  return {
    fake,
    app,
    keys: Object.fromEntries(entries.map(({ id, key }) => [id, { headers: { 'x-api-key': key }, key }])),
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
