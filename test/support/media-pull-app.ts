import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAgoraApp } from './agora-app.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './fake-agora-media-pull.js';
import type { Env } from './test-app.js';

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
  const { app, keys, close } = await startAgoraApp(fake, mediaPullEnv(fake), [{ id: 'puller', kinds: ['media-pull'] }], env);
  return { fake, app, ...keys.puller, close };
}
