import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAgoraApp } from './agora-app.js';
import type { TestKey } from './api-keys.js';
import { FakeAgoraMediaPush, mediaPushEnv, PUSH_SECRETS } from './fake-agora-media-push.js';
import type { Env } from './test-app.js';
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
  const started = await startAgoraApp(fake, mediaPushEnv(fake), [{ id: 'pusher', kinds: ['media-push'] }, ...keys], env, options);
  const headers = Object.fromEntries(Object.entries(started.keys).map(([id, { headers }]) => [id, headers]));
  return { fake, app: started.app, headers, close: started.close };
}
