import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { OptionalObject } from '../../../common/validation/optional-object.decorator.js';
import { AudioUids } from '../../../transcription/dto/audio-uids.decorator.js';
import { IDLE_SECONDS, MAX_LANGUAGES, MAX_SUBSCRIBED } from '../../../transcription/dto/create-transcription.dto.js';
import { LanguageList } from '../../../transcription/dto/language.decorator.js';
import { MAX_SOURCES, TranslationPairDto } from '../../../transcription/dto/translation.dto.js';
import { ChannelName } from '../../../agora/dto/channel-name.decorator.js';

/** Refuses a field whatever it holds, with a message saying why. */
const Refused = (message: string): PropertyDecorator =>
  ValidateBy({ name: 'refused', validator: { validate: (value) => value === undefined, defaultMessage: () => message } });
const ENCRYPTION = 'channel encryption is not supported here (Agora deprecates it for transcription in its v7 API): transcribe a channel without it';

/** The fork's `translateConfig`. */
export class ForkTranslateConfigDto {
  /** The fork's v6 option; Agora's v7 API has none, so it is accepted and not used. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 3600, example: 5 })
  @IsOptional()
  @Max(3600, { message: '$property must be 0 to 3600' })
  @Min(0, { message: '$property must be 0 to 3600' })
  @IsInt({ message: '$property must be a whole number' })
  forceTranslateInterval?: number;

  @ApiProperty({ type: [TranslationPairDto], minItems: 1, maxItems: MAX_SOURCES, description: `1 to ${MAX_SOURCES} source languages and their targets.` })
  @ValidateNested({ each: true })
  @Type(() => TranslationPairDto)
  @ArrayMaxSize(MAX_SOURCES, { message: `$property may list at most ${MAX_SOURCES} source languages` })
  @ArrayMinSize(1, { message: '$property must list at least one source language' })
  @IsArray({ message: '$property must be an array' })
  @IsDefined({ message: '$property is required' })
  languages: TranslationPairDto[];
}

/** The body of the fork's `POST /rtt/start` (its ClientStartRTTRequest), on Agora's STT v7 join. */
@NullMeansAbsent()
export class ForkStartRttDto {
  /**
   * The channel to transcribe: 1 to 63 bytes of Agora's channel characters.
   * @example "test_channel"
   */
  @ChannelName()
  channelName: string;

  @LanguageList(`The spoken languages to recognize (1 to ${MAX_LANGUAGES}).`, MAX_LANGUAGES)
  languages: string[];

  @AudioUids('Transcribe only these users (default: everyone).', MAX_SUBSCRIBED)
  subscribeAudioUids?: string[];

  /**
   * Seconds without audio before Agora stops (5 to 2592000; default 30). Out of range is a 400 (the fork replaced it by 30).
   * @example 60
   */
  @ApiPropertyOptional({ type: 'integer', minimum: IDLE_SECONDS.min, maximum: IDLE_SECONDS.max })
  @IsOptional()
  @Max(IDLE_SECONDS.max, { message: `$property must be ${IDLE_SECONDS.min} to ${IDLE_SECONDS.max}` })
  @Min(IDLE_SECONDS.min, { message: `$property must be ${IDLE_SECONDS.min} to ${IDLE_SECONDS.max}` })
  @IsInt({ message: '$property must be a whole number of seconds' })
  maxIdleTime?: number;

  @OptionalObject(() => ForkTranslateConfigDto)
  translateConfig?: ForkTranslateConfigDto;

  /** Store caption files, with the first storage profile that serves the project (the fork's STORAGE_* bucket). */
  @ApiPropertyOptional({ type: 'boolean', example: false })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enableStorage?: boolean;

  /** The fork's v6 caption-sync option; Agora's v7 API has none, so it is accepted and not used. */
  @ApiPropertyOptional({ type: 'boolean', example: false })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enableNTPtimestamp?: boolean;

  @ApiHideProperty()
  @Refused(ENCRYPTION)
  cryptionMode?: never;

  @ApiHideProperty()
  @Refused(ENCRYPTION)
  secret?: never;

  @ApiHideProperty()
  @Refused(ENCRYPTION)
  salt?: never;
}
