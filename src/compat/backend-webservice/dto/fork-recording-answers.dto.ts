import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES } from '../../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../../common/http/api-schema.options.js';
import { ExtensionServiceStateDto, type RecordedFileDto } from '../../../recording/dto/recording.dto.js';
import { USER_UID_SCHEMA } from '../../../recording/dto/uid-list.decorator.js';
import { FORK_RESOURCE_ID_SCHEMA } from './fork-recording-ids.dto.js';

/** The fork's answer naming a recording (start, and both updates): what later calls echo back. */
export class ForkRecordingDto {
  /** @example "test_channel" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  cname: string;

  /** The recording bot's uid, picked by this service. */
  @ApiProperty({ ...USER_UID_SCHEMA, example: '3141592653' })
  uid: string;

  /**
   * The recording's signed id (the same as /v1's `id`): it wraps Agora's resource id and says whose the recording is.
   * Echo it back as it is.
   * @example "Fc_JjoIwAADQf-kZkilrPYoijWhYFEUnE0MXRBAqIFD8-onHd3y_UAGM59nwfAMF1A8Jvq6F2glRAwXo0IDmQrNMHShgO48-alI8nKDjWoa3rpaZ47k9Hd_4bI_I6SIRhyssa36S00XTVKlWo-Ftw-TgFmqU74L2c6lntDOP0mcdbotXgp5FhRrrEBQMh64Z9av0TLr4lcK7pB55xBtWOhpft0Lc5njYXKb-M0dNRWpyj66lL_YrlYsxKmSycVsavvxHNXlst6zInj6DMg1NDKernt4XnJS3Y9d_WyhHXKc5o4ZtUGZaOYWUk0xHP8zmMAMKWL6bGp2D44wrN6bxLD_RoKpAgba1sC1Lh9rfPw.IIgLLf-wYqgmwdP5DwVLMJSkOFkDpumGgBGfPbP1sxI"
   */
  @ApiProperty(FORK_RESOURCE_ID_SCHEMA)
  resourceId: string;

  /**
   * Agora's recording session id.
   * @example "38f8e3cfdc474cd56fc1ceba380d7e1a"
   */
  sid: string;

  /**
   * When this answer was made (UTC, RFC 3339), as the fork added it.
   * @example "2026-01-30T09:45:12Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  timestamp: string;
}

const FILE_LIST = {
  description: 'The playlist name (`fileListMode: string`) or the files (`fileListMode: json`), as Agora reports them.',
  oneOf: [{ type: 'string', example: '38f8e3cfdc474cd56fc1ceba380d7e1a_testchannel.m3u8' }, { type: 'array', items: { $ref: '#/components/schemas/RecordedFileDto' } }],
};

/** Agora's `serverResponse`, read as Agora sends it in every mode. */
export class ForkServerResponseDto {
  /** Agora's status (query): 4 ready, 5 recording, 6 stopping, 7 stopped… */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 2_147_483_647, example: 5 })
  status?: number;

  @ApiPropertyOptional({ enum: ['string', 'json'], example: 'string' })
  fileListMode?: 'string' | 'json';

  @ApiPropertyOptional(FILE_LIST)
  fileList?: string | RecordedFileDto[];

  /** Unix milliseconds. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1562724971626 })
  sliceStartTime?: number;

  /** After a stop: `uploaded`, `backuped`, `stranded` or `unknown`. @example "uploaded" */
  uploadingStatus?: string;

  /** Web mode: each extension service's state, a list with `payload` as Agora sends it. */
  @ApiPropertyOptional({ type: [ExtensionServiceStateDto] })
  extensionServiceState?: ExtensionServiceStateDto[];
}

/** The fork's status and stop answer. */
export class ForkRecordingReportDto extends ForkRecordingDto {
  serverResponse: ForkServerResponseDto;

  /** Stop only: true when Agora had already stopped the recording (no file list then); the fork answered 500. */
  alreadyStopped?: boolean;
}
