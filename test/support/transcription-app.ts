import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile, type TestKey } from './api-keys.js';
import { FakeAgoraStt, STT_SECRETS, sttEnv } from './fake-agora-stt.js';
import { createTestApp, type Env } from './test-app.js';
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
  const keys: Record<string, SpecKey> = {};
  const entries: TestKey[] = Object.entries(policies).map(([id, policy]) => {
    const key = newApiKey();
    keys[id] = { headers: { 'x-api-key': key }, key };
    return { id, key, ...policy };
  });
  const app = await createTestApp(
    { ...sttEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(entries), RATE_LIMIT_PER_MINUTE: '100000', ...env },
    options,
  );
  return {
    fake,
    app,
    keys,
    async close() {
      await app.close();
      await fake!.close();
    },
  };
}
