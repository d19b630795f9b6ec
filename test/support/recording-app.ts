import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './api-keys.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './fake-agora-recording.js';
import { createTestApp, type Env } from './test-app.js';

/** The real app recording through a fake Agora of its own, and the headers of one API key whose kinds hold `recording`. */
export interface RecordingApp {
  fake: FakeAgoraRecording;
  app: NestFastifyApplication;
  headers: Record<string, string>;
  /** The API key itself, for specs that look for it where it must never be. */
  key: string;
  close(): Promise<void>;
}

/** Starts a fake Agora recording and the app configured to record through it (`env` overrides the defaults). */
export async function startRecordingApp(env: Env = {}): Promise<RecordingApp> {
  const fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
  const key = newApiKey();
  const app = await createTestApp({
    ...recordingEnv(fake),
    AUTH_MODE: 'apikey',
    API_KEYS_FILE: writeApiKeysFile([{ id: 'recorder', key, kinds: ['recording'] }]),
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
