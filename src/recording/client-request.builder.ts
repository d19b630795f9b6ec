import type { StorageProfile } from './storage/storage-profile.interface.js';
import type { StartRecordingInput } from './start-request.rules.js';

/** What Agora's recordings default to when a request leaves `recordingConfig` out: every user's audio and video. */
const DEFAULT_RECORDING_CONFIG = { channelType: 0, streamTypes: 2 } as const;

/**
 * The `clientRequest` of a start, built once per request: acquire sends the same object as its
 * `startParameter` (Agora refuses a start that differs from it). It holds the storage keys and the bot's
 * token: it goes to Agora and nowhere else (never a log line, never an answer).
 */
export function clientRequestOf(input: StartRecordingInput, storage: StorageProfile, fileNamePrefix: string[], token?: string): object {
  const { vendor, region, bucket, accessKey, secretKey, endpoint } = storage;
  const storageConfig = {
    vendor,
    region,
    bucket,
    accessKey,
    secretKey,
    fileNamePrefix,
    ...(endpoint === undefined ? {} : { extensionParams: { endpoint } }),
  };
  const files = input.recordingFileConfig ? { recordingFileConfig: { ...input.recordingFileConfig } } : {};
  if (input.mode === 'web') {
    return { ...files, extensionServiceConfig: structuredClone(input.extensionServiceConfig), storageConfig };
  }
  return {
    ...(token === undefined ? {} : { token }),
    recordingConfig: { ...DEFAULT_RECORDING_CONFIG, ...structuredClone(input.recordingConfig) },
    ...files,
    ...(input.snapshotConfig ? { snapshotConfig: { ...input.snapshotConfig } } : {}),
    storageConfig,
  };
}

/** Agora's `scene`: 1 for web page recording, 0 (real-time audio and video) otherwise. */
export function sceneOf(input: StartRecordingInput): number {
  return input.mode === 'web' ? 1 : 0;
}

/**
 * Hours the resource stays usable after the start (Agora's default is 72): longer for a web recording that may
 * run longer, so it can still be queried and stopped.
 */
export function resourceExpiredHourOf(input: StartRecordingInput): number {
  const web = input.extensionServiceConfig?.extensionServices.find(({ serviceParam }) => serviceParam.maxRecordingHour !== undefined);
  return Math.min(720, Math.max(72, (web?.serviceParam.maxRecordingHour ?? 0) + 1));
}
