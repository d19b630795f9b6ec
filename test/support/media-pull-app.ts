import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './api-keys.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './fake-agora-media-pull.js';
import { createTestApp, type Env } from './test-app.js';

/** The real app pulling media through a fake Agora of its own, and the headers of one API key whose kinds hold `media-pull`. */
export interface MediaPullApp {
  fake: FakeAgoraMediaPull;
  app: NestFastifyApplication;
  headers: Record<string, string>;
  key: string;
  close(): Promise<void>;
}

/** Starts a fake cloud player API and the app configured to call it (`env` overrides the defaults). */
export async function startMediaPullApp(env: Env = {}): Promise<MediaPullApp> {
  const fake = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
  const key = newApiKey();
  const app = await createTestApp({
    ...mediaPullEnv(fake),
    AUTH_MODE: 'apikey',
    API_KEYS_FILE: writeApiKeysFile([{ id: 'puller', key, kinds: ['media-pull'] }]),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  return {
    fake,
    app,
    headers: { 'x-api-key': key },
    key,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
