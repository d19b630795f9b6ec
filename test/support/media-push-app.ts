import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile, type TestKey } from './api-keys.js';
import { FakeAgoraMediaPush, mediaPushEnv, PUSH_SECRETS } from './fake-agora-media-push.js';
import { createTestApp, type Env } from './test-app.js';
import type { CreateAppOptions } from '../../src/app.factory.js';

/** The real app pushing through a fake Agora of its own, and the headers of API keys whose kinds hold `media-push`. */
export interface MediaPushApp {
  fake: FakeAgoraMediaPush;
  app: NestFastifyApplication;
  /** The key `pusher` (kinds: media-push), then any `keys` given, by id. */
  headers: Record<string, Record<string, string>>;
  close(): Promise<void>;
}

/** Starts a fake Agora media push and the app configured to push through it (`env` overrides the defaults). */
export async function startMediaPushApp(env: Env = {}, keys: Omit<TestKey, 'key'>[] = [], options?: CreateAppOptions): Promise<MediaPushApp> {
  const fake = await FakeAgoraMediaPush.start([PUSH_SECRETS]);
  const all = [{ id: 'pusher', kinds: ['media-push'] }, ...keys].map((entry) => ({ ...entry, key: newApiKey() }));
  const app = await createTestApp(
    { ...mediaPushEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(all), RATE_LIMIT_PER_MINUTE: '100000', ...env },
    options,
  );
  return {
    fake,
    app,
    headers: Object.fromEntries(all.map(({ id, key }) => [id, { 'x-api-key': key }])),
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
