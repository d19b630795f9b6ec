import { ApiHideProperty, ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { PROJECT_NAME, PROJECT_NAME_RULE } from '../../agora/projects/project-entry.js';
import { RECORDING_MODES, type RecordingMode } from '../recording-handle.js';
import { RecordingConfigDto } from './recording-config.dto.js';
import { RecordingFileConfigDto, SnapshotConfigDto } from './recording-outputs.dto.js';
import { ExtensionServiceConfigDto } from './web-recording-config.dto.js';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { ChannelName } from '../../agora/dto/channel-name.decorator.js';

/** Refuses a field whatever it holds, with a message saying what to send instead. */
const Refused = (message: string): PropertyDecorator =>
  ValidateBy({ name: 'refused', validator: { validate: (value) => value === undefined, defaultMessage: () => message } });

/** A request to record a channel (or, in web mode, a web page). */
export class StartRecordingDto extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * The channel to record (in web mode, a label for the recording): 1 to 63 bytes of Agora's channel characters.
   * @example "demo-room"
   */
  @ChannelName()
  channel: string;

  /** `individual` (a file per user), `mix` (one mixed file) or `web` (a web page). */
  @ApiProperty({ enum: RECORDING_MODES, example: 'mix' })
  @IsIn(RECORDING_MODES, { message: `$property must be one of ${RECORDING_MODES.join(', ')}` })
  @IsDefined({ message: '$property is required' })
  mode: RecordingMode;

  /**
   * The storage profile to upload to, by name (AGORA_STORAGE_PROFILES_FILE; `default` with the STORAGE_* variables).
   * Left out, the first profile. Storage keys are never taken from a request.
   * @example "default"
   */
  @ApiPropertyOptional({ type: 'string', pattern: PROJECT_NAME.source, maxLength: 64 })
  @IsOptional()
  @Matches(PROJECT_NAME, { message: `storage must be ${PROJECT_NAME_RULE}` })
  @IsString()
  storage?: string;

  /** Individual and mix modes: what to record (Agora's `recordingConfig`). */
  @OptionalObject(() => RecordingConfigDto)
  recordingConfig?: RecordingConfigDto;

  /** The files to write (Agora's `recordingFileConfig`). */
  @OptionalObject(() => RecordingFileConfigDto)
  recordingFileConfig?: RecordingFileConfigDto;

  /** Individual mode: screenshots (Agora's `snapshotConfig`). */
  @OptionalObject(() => SnapshotConfigDto)
  snapshotConfig?: SnapshotConfigDto;

  /** Web mode (required there): the page to record, and an optional live push (Agora's `extensionServiceConfig`). */
  @OptionalObject(() => ExtensionServiceConfigDto)
  extensionServiceConfig?: ExtensionServiceConfigDto;

  /** Storage keys are configuration, never a request's: a caller sending them gets a 400 that says so. */
  @ApiHideProperty()
  @Refused('storageConfig is not taken from requests: name a configured storage profile in storage')
  storageConfig?: never;
}
