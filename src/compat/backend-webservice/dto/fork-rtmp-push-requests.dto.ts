import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIP, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MEDIA_REGIONS } from '../../../agora-services/media-region.config.js';
import { integerSchema } from '../../../common/http/api-schema.options.js';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { OptionalObject } from '../../../common/validation/optional-object.decorator.js';
import { PushAudioOptionsDto } from '../../../media-push/dto/push-audio-options.dto.js';
import { Integer, LAYOUT_MAX, LayoutViewDto, PushVideoOptionsDto } from '../../../media-push/dto/push-video-options.dto.js';
import { RTMP_URL_MAX_LENGTH } from '../../../media-push/rtmp-url.js';
import { ChannelName } from '../../../agora/dto/channel-name.decorator.js';
import { ForkCodec } from './fork-codec.js';

/** Agora's video codecs for a converter. */
export const PUSH_CODECS = ['H.264', 'H.265'] as const;

/** A uid as the fork took it: digits in a string (Agora takes a number; the mapper converts it). */
export const FORK_UID = /^[1-9]\d{0,9}$/;
const FORK_UID_SCHEMA = { type: 'string', pattern: FORK_UID.source, minLength: 1, maxLength: 10, 'x-max-bytes': 10 } as const;
const FORK_UID_RULE = '$property must be a uid from 1 to 4294967295, in a string';

/** A converter id as the start answered it (this service's sealed id). */
export const FORK_CONVERTER_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_.-]+$' } as const;

/** The channel pushed: required on a start, optional (and checked) on an update. */
const Channel = (required: boolean): PropertyDecorator => ChannelName({ required, example: 'test_channel' });

/** A region name, judged by the mapper: anything but Agora's four is the fork's own 400. */
const Region = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', enum: MEDIA_REGIONS, example: 'na', description: 'Anything else is the fork’s 400 `{"error": "Invalid region specified."}`.' }),
    IsOptional(),
    IsString(),
  );

/** A layout view as the fork's clients send it: the user's uid in a string. */
export class ForkLayoutViewDto extends OmitType(LayoutViewDto, ['rtcStreamUid'] as const) {
  @ApiPropertyOptional({ ...FORK_UID_SCHEMA, example: '201' })
  @IsOptional()
  @Matches(FORK_UID, { message: FORK_UID_RULE })
  @IsString({ message: FORK_UID_RULE })
  rtcStreamUid?: string;
}

/** The fork's videoOptions: /v1's, with the layout's uids in strings and the codec spelled as the fork's clients do. */
@NullMeansAbsent()
export class ForkPushVideoOptionsDto extends OmitType(PushVideoOptionsDto, ['layout', 'codec'] as const) {
  /** Agora's default `H.264`. */
  @ForkCodec(PUSH_CODECS)
  codec?: string;

  @ApiPropertyOptional({ type: [ForkLayoutViewDto], maxItems: LAYOUT_MAX })
  @IsOptional()
  @Type(() => ForkLayoutViewDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(LAYOUT_MAX, { message: `$property may place at most ${LAYOUT_MAX} views` })
  @IsArray({ message: '$property must be an array' })
  layout?: ForkLayoutViewDto[];
}

/** An update's video settings: any of them (the fork sent them all, with zeros for those left out). */
@NullMeansAbsent()
export class ForkUpdatePushVideoOptionsDto extends PartialType(ForkPushVideoOptionsDto) {}

/** What the fork's start and update share: the push URL in two parts, which the service joins with one `/`. */
@NullMeansAbsent()
class ForkPushTargetDto {
  /** The CDN's ingest URL, without the stream key. @example "rtmp://live.example.com/app/" */
  @ApiPropertyOptional({ type: 'string', pattern: '^rtmps?://', minLength: 9, maxLength: RTMP_URL_MAX_LENGTH })
  @IsOptional()
  @MaxLength(RTMP_URL_MAX_LENGTH, { message: `$property must be at most ${RTMP_URL_MAX_LENGTH} characters` })
  @IsString()
  streamUrl?: string;

  /** The stream key: a secret, never logged nor answered. @example "stream-key" */
  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: RTMP_URL_MAX_LENGTH })
  @IsOptional()
  @MaxLength(RTMP_URL_MAX_LENGTH, { message: `$property must be at most ${RTMP_URL_MAX_LENGTH} characters` })
  @IsString()
  streamKey?: string;

  @ApiPropertyOptional({ ...integerSchema(0, 1000), example: 1000 })
  @IsOptional()
  @Integer(0, 1000)
  jitterBufferSizeMs?: number;
}

/** The body of the fork's `POST /rtmp/push/start` (its ClientStartRtmpRequest). */
@NullMeansAbsent()
export class ForkStartPushDto extends ForkPushTargetDto {
  /** Accepted and ignored: the service names every converter itself (unique, unguessable). */
  @ApiPropertyOptional({ type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]*$', description: 'Accepted and ignored: the service names each converter itself.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{0,64}$/, { message: '$property may hold at most 64 of a-z A-Z 0-9 - _' })
  @IsString()
  converterName?: string;

  @Channel(true)
  rtcChannel: string;

  @Region()
  region?: string;

  /** The CDN origin's IPv4 address (Agora's `regionHintIp`). */
  @ApiPropertyOptional({ type: 'string', format: 'ipv4', maxLength: 15, example: '203.0.113.10' })
  @IsOptional()
  @IsIP(4, { message: '$property must be an IPv4 address' })
  regionHintIp?: string;

  /** `true`: transcode with `audioOptions`/`videoOptions`; `false` (the default): push `rtcStreamUid`'s stream as it is. */
  @ApiPropertyOptional({ type: 'boolean', example: false })
  @IsOptional()
  @IsBoolean()
  useTranscoding?: boolean;

  /** Without transcoding (required then): the user pushed. */
  @ApiPropertyOptional({ ...FORK_UID_SCHEMA, example: '201' })
  @IsOptional()
  @Matches(FORK_UID, { message: FORK_UID_RULE })
  @IsString({ message: FORK_UID_RULE })
  rtcStreamUid?: string;

  @OptionalObject(() => PushAudioOptionsDto)
  audioOptions?: PushAudioOptionsDto;

  @OptionalObject(() => ForkPushVideoOptionsDto)
  videoOptions?: ForkPushVideoOptionsDto;

  @ApiPropertyOptional({ ...integerSchema(5, 86_400), example: 300 })
  @IsOptional()
  @Integer(5, 86_400)
  idleTimeOut?: number;
}

/** What names a converter in the fork's stop and update. */
@NullMeansAbsent()
export class ForkStopPushDto {
  /** The `converter.id` the start answered (this service's id for the converter). */
  @ApiProperty(FORK_CONVERTER_ID_SCHEMA)
  @IsString()
  @IsDefined({ message: '$property is required' })
  converterId: string;

  /** Optional here: the converter id carries its region (the fork required it). */
  @Region()
  region?: string;
}

/** The body of the fork's `POST /rtmp/push/update` (its ClientUpdateRtmpRequest). */
@NullMeansAbsent()
export class ForkUpdatePushDto extends ForkPushTargetDto {
  @ApiProperty(FORK_CONVERTER_ID_SCHEMA)
  @IsString()
  @IsDefined({ message: '$property is required' })
  converterId: string;

  @Region()
  region?: string;

  /** The converter's channel, if sent: it must be the converter's (Agora cannot move a converter to another channel). */
  @Channel(false)
  rtcChannel?: string;

  /** New video settings; `codec` and `codecProfile` are dropped (Agora cannot change them), as the fork dropped them. */
  @OptionalObject(() => ForkUpdatePushVideoOptionsDto)
  videoOptions?: ForkUpdatePushVideoOptionsDto;

  /** Accepted and ignored: the service numbers updates itself, always above the last (across replicas too). */
  @ApiPropertyOptional({ ...integerSchema(0, Number.MAX_SAFE_INTEGER), example: 1 })
  @IsOptional()
  @Integer(0, Number.MAX_SAFE_INTEGER)
  sequenceId?: number;
}
