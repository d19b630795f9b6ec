import { randomBytes } from 'node:crypto';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { fileNamePrefix } from '../recording/file-name-prefix.js';
import type { StorageProfile } from '../recording/storage/storage-profile.interface.js';
import type { JoinBody } from './speech-to-text.api.js';

/** The vendors Agora's STT stores captions with (cloud recording's, without S3-compatible endpoints). */
const CAPTION_VENDORS = new Set([1, 2, 3, 5, 6, 7, 8]);

/** What a transcription is started with, from /v1 or the fork's /rtt/start. */
export interface CreateTranscriptionInput {
  readonly project?: string;
  readonly appId?: string;
  readonly channel: string;
  readonly languages: readonly string[];
  readonly subscribeAudioUids?: readonly string[];
  readonly unsubscribeAudioUids?: readonly string[];
  readonly translate?: { readonly languages: readonly { source: string; target: readonly string[] }[] };
  /** The storage profile to store captions with, by name; `true`: the project's default profile (the fork's `enableStorage`). */
  readonly captions?: string | true;
  readonly maxIdleSeconds?: number;
}

/**
 * The agent's `name`: Agora deduplicates joins by it ("only one task per name"), so a random one lets a channel run
 * several transcriptions (one per language set, say) and never collides with another caller's. Letters, digits and
 * `-` only, 36 characters: within any charset and length Agora could mean by "up to 64 characters".
 */
export function agentName(): string {
  return `ats-${randomBytes(16).toString('hex')}`;
}

/**
 * Agora's `captionConfig` for a storage profile: files under `<channel letters and digits>/<UTC date>/<UTC time>/`,
 * as recordings are stored. A profile Agora's STT cannot store to (S3-compatible, vendor 11) is a 400 on `captions`.
 */
export function captionConfigOf(profile: StorageProfile, channel: string, startedAt: Date): NonNullable<JoinBody['captionConfig']> {
  if (!CAPTION_VENDORS.has(profile.vendor)) {
    throw ValidationProblemException.field('captions', `captions names a storage profile of vendor ${profile.vendor}, which Agora's transcription cannot store to`);
  }
  const { vendor, region, bucket, accessKey, secretKey } = profile;
  return { storage: { vendor, region, bucket, accessKey, secretKey, fileNamePrefix: fileNamePrefix(channel, startedAt) } };
}

/** Agora's join body for the input, its bot (uid and token) and its caption storage, if any. */
export function joinBodyOf(
  input: CreateTranscriptionInput,
  bot: { uid: string; token: string },
  captionConfig: JoinBody['captionConfig'],
): JoinBody {
  const { subscribeAudioUids, unsubscribeAudioUids } = input;
  return {
    name: agentName(),
    languages: input.languages,
    ...(input.maxIdleSeconds === undefined ? {} : { maxIdleTime: input.maxIdleSeconds }),
    rtcConfig: {
      channelName: input.channel,
      pubBotUid: bot.uid,
      pubBotToken: bot.token,
      ...(subscribeAudioUids ? { subscribeAudioUids } : {}),
      ...(unsubscribeAudioUids ? { unSubscribeAudioUids: unsubscribeAudioUids } : {}),
    },
    ...(input.translate ? { translateConfig: { languages: input.translate.languages } } : {}),
    ...(captionConfig ? { captionConfig } : {}),
  };
}
