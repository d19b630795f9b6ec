import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { PROJECT_NAME, PROJECT_NAME_RULE } from '../../agora/projects/project-entry.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { AudioUids } from './audio-uids.decorator.js';
import { LanguageList } from './language.decorator.js';
import { TranslateDto } from './translation.dto.js';
import { ChannelName } from '../../agora/dto/channel-name.decorator.js';

/** Agora's limits on a join. */
export const MAX_LANGUAGES = 4;
export const MAX_SUBSCRIBED = 32;
export const MAX_UNSUBSCRIBED = 5;
export const IDLE_SECONDS = { min: 5, max: 2_592_000 } as const;

/** A request to transcribe a channel in real time (Agora's STT v7 `join`). */
export class CreateTranscriptionDto extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * The channel to transcribe: 1 to 63 bytes of Agora's channel characters.
   * @example "demo-room"
   */
  @ChannelName()
  channel: string;

  @LanguageList(`The spoken languages to recognize (1 to ${MAX_LANGUAGES}; each one more costs more).`, MAX_LANGUAGES)
  languages: string[];

  @AudioUids('Transcribe only these users (default: everyone).', MAX_SUBSCRIBED)
  @Excludes('unsubscribeAudioUids')
  subscribeAudioUids?: string[];

  @AudioUids('Transcribe everyone but these users.', MAX_UNSUBSCRIBED)
  unsubscribeAudioUids?: string[];

  /** Translate the captions (Agora's `translateConfig`). */
  @OptionalObject(() => TranslateDto)
  translate?: TranslateDto;

  /**
   * Store the captions as files: the storage profile to upload them to, by name (the profiles cloud recording uses,
   * AGORA_STORAGE_PROFILES_FILE; `default` with the STORAGE_* variables). Left out, captions are only sent in the channel.
   * @example "default"
   */
  @ApiPropertyOptional({ type: 'string', pattern: PROJECT_NAME.source, maxLength: 64 })
  @IsOptional()
  @Matches(PROJECT_NAME, { message: `captions must be ${PROJECT_NAME_RULE}` })
  @IsString()
  captions?: string;

  /**
   * Agora stops the transcription after this many seconds without anyone publishing audio (Agora's `maxIdleTime`,
   * default 30).
   * @example 120
   */
  @ApiPropertyOptional({ type: 'integer', minimum: IDLE_SECONDS.min, maximum: IDLE_SECONDS.max })
  @IsOptional()
  @Max(IDLE_SECONDS.max, { message: `$property must be ${IDLE_SECONDS.min} to ${IDLE_SECONDS.max}` })
  @Min(IDLE_SECONDS.min, { message: `$property must be ${IDLE_SECONDS.min} to ${IDLE_SECONDS.max}` })
  @IsInt({ message: '$property must be a whole number of seconds' })
  maxIdleSeconds?: number;
}
