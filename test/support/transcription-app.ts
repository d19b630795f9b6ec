import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startAgoraApp } from './agora-app.js';
import type { TestKey } from './api-keys.js';
import { FakeAgoraStt, STT_SECRETS, sttEnv } from './fake-agora-stt.js';
import type { Env } from './test-app.js';
import type { CreateAppOptions } from '../../src/app.factory.js';

/** An API key of the transcription specs: its headers, and the key itself (to look for where it must never be). */
export interface SpecKey {
  readonly headers: Record<string, string>;
  readonly key: string;
}

/** The real app transcribing through a fake Agora of its own, and API keys by name (`transcriber` holds `transcription`). */
export interface TranscriptionApp {
  fake: FakeAgoraStt;
  app: NestFastifyApplication;
  keys: Record<string, SpecKey>;
  /**
   * Moves the clock (`Date.now`, of the app and the fake alike) `seconds` ahead, for the rules that wait on time
   * (Agora's 5 s before and between a transcription's updates) without a spec sleeping; `close` puts it back.
   */
  later(seconds: number): void;
  close(): Promise<void>;
}

type KeyPolicy = Omit<TestKey, 'id' | 'key'> & { resources?: 'own' | 'any' };

/**
 * Starts a fake Agora STT and the app configured to transcribe through it, with one API key per entry of `policies`
 * (default: `transcriber`, kinds ['transcription']); `env` overrides the defaults; `fake`, when given, is used (and closed) instead.
 */
export async function startTranscriptionApp(
  policies: Record<string, KeyPolicy> = { transcriber: { kinds: ['transcription'] } },
  env: Env = {},
  options?: CreateAppOptions,
  fake?: FakeAgoraStt,
): Promise<TranscriptionApp> {
  fake ??= await FakeAgoraStt.start([STT_SECRETS]);
  const started = await startAgoraApp(fake, sttEnv(fake), Object.entries(policies).map(([id, policy]) => ({ id, ...policy })), env, options);
  const { app, keys } = started;
  let clock: { offsetMs: number; restore(): void } | undefined;
  return {
    fake,
    app,
    keys,
    later(seconds) {
      if (!clock) {
        const real = Date.now.bind(Date);
        const spy = jest.spyOn(Date, 'now').mockImplementation(() => real() + clock!.offsetMs);
        clock = { offsetMs: 0, restore: () => spy.mockRestore() };
      }
      clock.offsetMs += seconds * 1000;
    },
    async close() {
      clock?.restore();
      await started.close();
    },
  };
}
