import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, ValidateBy } from 'class-validator';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { RecordingConfigDto } from '../../../recording/dto/recording-config.dto.js';
import { RecordingFileConfigDto, SnapshotConfigDto } from '../../../recording/dto/recording-outputs.dto.js';
import { ExtensionServiceConfigDto } from '../../../recording/dto/web-recording-config.dto.js';
import { RECORDING_MODES } from '../../../recording/recording-handle.js';
import { OptionalObject } from '../../../common/validation/optional-object.decorator.js';
import { ChannelName } from '../../../agora/dto/channel-name.decorator.js';

/** The fork's scene names (Agora's `scene` 0, 1 and 2). */
export const SCENE_MODES = ['realtime', 'web', 'postponed'] as const;

/** Refuses a field whatever it holds, with a message saying what to do instead. */
const Refused = (message: string): PropertyDecorator =>
  ValidateBy({ name: 'refused', validator: { validate: (value) => value === undefined, defaultMessage: () => message } });

const DECRYPTION = 'recording an encrypted channel is not supported: it needs the channel’s key, which is not taken from requests';

/**
 * The recording configuration as the fork took it: /v1's, with the fork's decryption settings declared so that they
 * are a 400 naming them (Agora would record an encrypted channel as noise) rather than ignored as unknown keys.
 */
export class ForkRecordingConfigDto extends RecordingConfigDto {
  @ApiHideProperty()
  @Refused(DECRYPTION)
  decryptionMode?: never;

  @ApiHideProperty()
  @Refused(DECRYPTION)
  secret?: never;

  @ApiHideProperty()
  @Refused(DECRYPTION)
  salt?: never;
}

/**
 * The body of the fork's `POST /cloud_recording/start` (its ClientStartRecordingRequest), plus the output
 * configurations the fork could not take (so web mode and MP4 files work). Agora's nested objects are validated
 * by the /v1 recording DTOs, so both routes take exactly the same configuration.
 */
@NullMeansAbsent()
export class ForkStartRecordingDto {
  /**
   * The channel to record: 1 to 63 bytes of Agora's channel characters (`_` included).
   * @example "test_channel"
   */
  @ChannelName()
  channelName: string;

  /**
   * `realtime` (the default) or `web`; it must agree with `recordingMode` (`web` with `web`). `postponed`
   * (postponed transcoding) is not supported.
   */
  @ApiPropertyOptional({ enum: SCENE_MODES, example: 'realtime' })
  @IsOptional()
  @IsString()
  sceneMode?: string;

  /** `individual`, `mix` (the default) or `web`; anything else is a 400 `{"error": "Invalid recording mode."}`, as the fork answered. */
  @ApiPropertyOptional({ enum: RECORDING_MODES, example: 'mix' })
  @IsOptional()
  @IsString()
  recordingMode?: string;

  /** Accepted empty, as the fork's examples send it; choosing Agora's regions by other recordings is not supported. */
  @ApiPropertyOptional({ type: 'array', items: { type: 'string' }, maxItems: 0, example: [] })
  @IsOptional()
  @ArrayMaxSize(0, { message: '$property must be empty: recording elsewhere than other recordings is not supported' })
  @IsArray()
  excludeResourceIds?: string[];

  /**
   * Individual and mix modes: what to record, passed to Agora as given. Left out: every user's audio and video of a
   * communication channel, high stream, stopping after 120 s without users (and, in individual mode, `streamMode`
   * `standard` and `subscribeUidGroup` 0), as the fork defaulted.
   */
  @OptionalObject(() => ForkRecordingConfigDto)
  recordingConfig?: ForkRecordingConfigDto;

  /** The files to write (`["hls", "mp4"]` for MP4 files): new here, the fork could not take it. */
  @OptionalObject(() => RecordingFileConfigDto)
  recordingFileConfig?: RecordingFileConfigDto;

  /** Individual mode: screenshots. New here. */
  @OptionalObject(() => SnapshotConfigDto)
  snapshotConfig?: SnapshotConfigDto;

  /** Web mode (required there): the page to record. New here: without it the fork's web mode could not work. */
  @OptionalObject(() => ExtensionServiceConfigDto)
  extensionServiceConfig?: ExtensionServiceConfigDto;

  /** The fork's documentation offered it and its code ignored it: the service picks the bot's uid. */
  @ApiHideProperty()
  @Refused('uid is not taken from requests: this service picks the recording bot’s uid (one the request does not name)')
  uid?: never;

  /** The fork's documentation offered it and its code ignored it: storage keys are configuration, never a request's. */
  @ApiHideProperty()
  @Refused('storageConfig is not taken from requests: the storage is configured (AGORA_STORAGE_PROFILES_FILE or STORAGE_*)')
  storageConfig?: never;
}
