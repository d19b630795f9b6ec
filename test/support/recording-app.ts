import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAgoraApp } from './agora-app.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './fake-agora-recording.js';
import type { Env } from './test-app.js';

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
  const { app, keys, close } = await startAgoraApp(fake, recordingEnv(fake), [{ id: 'recorder', kinds: ['recording'] }], env);
  return { fake, app, ...keys.recorder, close };
}
