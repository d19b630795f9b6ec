import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { RECORDING_MODES, type RecordingMode } from '../recording-handle.js';
import { USER_UID_SCHEMA } from './uid-list.decorator.js';

/** A recording this service started: its id, and what Agora calls it. */
export class RecordingDto {
  /**
   * The recording's opaque id, for GET, PATCH and DELETE: only its owner (the API key or end user that started it)
   * can use it, on any replica, after any restart.
   * @example "Fc_JjoIwAADQf-kZkilrPYoijWhYFEUnE0MXRBAqIFD8-onHd3y_UAGM59nwfAMF1A8Jvq6F2glRAwXo0IDmQrNMHShgO48-alI8nKDjWoa3rpaZ47k9Hd_4bI_I6SIRhyssa36S00XTVKlWo-Ftw-TgFmqU74L2c6lntDOP0mcdbotXgp5FhRrrEBQMh64Z9av0TLr4lcK7pB55xBtWOhpft0Lc5njYXKb-M0dNRWpyj66lL_YrlYsxKmSycVsavvxHNXlst6zInj6DMg1NDKernt4XnJS3Y9d_WyhHXKc5o4ZtUGZaOYWUk0xHP8zmMAMKWL6bGp2D44wrN6bxLD_RoKpAgba1sC1Lh9rfPw.IIgLLf-wYqgmwdP5DwVLMJSkOFkDpumGgBGfPbP1sxI"
   */
  @ApiProperty({ type: 'string', minLength: 52, maxLength: 1004, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$' })
  id: string;

  /**
   * The project that records (its App ID and REST credentials).
   * @example "default"
   */
  project: string;

  /** @example "demo-room" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  @ApiProperty({ enum: RECORDING_MODES, example: 'mix' })
  mode: RecordingMode;

  /** The recording bot's uid in the channel, chosen by this service. */
  @ApiProperty({ ...USER_UID_SCHEMA, example: '3141592653' })
  uid: string;

  /**
   * Agora's resource id.
   * @example "JyvK8nXHuV1BE64GDkAaBGEscvtHW7v8BrQoRPCHxmeVxwY22-x-kv4GJPUSEh-QfLOqzYmy8L5TxKdrHqhpU8lhk8n6SOhdHPE5QsCXWbrRpX1gxcGbiRFdjB2eDqoo_yRuFYwszyQnkbmbgQZjKoMC-eovQhxUFEqcPpKikwGdLAkbMclOjXP5H1wZ3Xg9ebj_Trs"
   */
  resourceId: string;

  /**
   * Agora's recording session id.
   * @example "38f8e3cfdc474cd56fc1ceba380d7e1a"
   */
  sid: string;

  /**
   * When the recording started.
   * @example "2026-01-30T09:45:12.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  startedAt: string;
}

/** A recorded user's uid, `"0"` for the mix. */
const FILE_UID = { type: 'string', pattern: '^[0-9]{1,10}$', minLength: 1, maxLength: 10, 'x-max-bytes': 10 } as const;

/** A file of a `json` file list. */
export class RecordedFileDto {
  /** @example "38f8e3cfdc474cd56fc1ceba380d7e1a_demoroom.m3u8" */
  fileName: string;
  /** `audio`, `video` or `audio_and_video`. @example "audio_and_video" */
  trackType?: string;
  /** The user recorded; `"0"` for the mix of all users. @example "0" */
  @ApiPropertyOptional(FILE_UID)
  uid?: string;
  mixedAllUser?: boolean;
  isPlayable?: boolean;
  /** Unix milliseconds. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1562724971626 })
  sliceStartTime?: number;
}

/** A web recorder's file. */
export class WebRecordedFileDto {
  /** @example "38f8e3cfdc474cd56fc1ceba380d7e1a_web.m3u8" */
  filename: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1562724971626 })
  sliceStartTime?: number;
}

/** A live push's output and its state. */
export class RtmpOutputStateDto {
  /** @example "rtmp://live.example.com/app/stream-key" */
  rtmpUrl: string;
  /** `connecting`, `publishing`, `onhold` or `disconnected`. @example "publishing" */
  status?: string;
}

/** What a web-mode service reports (Agora's `payload`, or `playload` in some answers). */
export class ExtensionPayloadDto {
  fileList?: WebRecordedFileDto[];
  onhold?: boolean;
  /** `init`, `inProgress`, `exit`… @example "inProgress" */
  state?: string;
  /** @example "uploaded" */
  uploadingStatus?: string;
  outputs?: RtmpOutputStateDto[];
}

/** One web-mode extension service's state. */
export class ExtensionServiceStateDto {
  /** @example "web_recorder_service" */
  serviceName: string;
  payload: ExtensionPayloadDto;
}

const FILE_LIST = {
  description: 'The playlist name (`fileListMode: string`) or the files (`fileListMode: json`), as Agora reports them.',
  oneOf: [{ type: 'string', example: '38f8e3cfdc474cd56fc1ceba380d7e1a_demoroom.m3u8' }, { type: 'array', items: { $ref: '#/components/schemas/RecordedFileDto' } }],
};

/** What Agora reports of a recording, in every mode. */
class RecordingReportDto extends RecordingDto {
  /** `string` (one playlist) or `json` (a list of files). */
  @ApiPropertyOptional({ enum: ['string', 'json'], example: 'string' })
  fileListMode?: 'string' | 'json';

  @ApiPropertyOptional(FILE_LIST)
  fileList?: string | RecordedFileDto[];

  /** Web mode: each extension service's state. */
  extensionServiceState?: ExtensionServiceStateDto[];
}

/** A running recording's state (Agora's `query`). */
export class RecordingStatusDto extends RecordingReportDto {
  /** Agora's status: 0 not started … 4 ready, 5 recording, 6 stopping, 7 stopped, 8 exited, 20 exited abnormally. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 2_147_483_647, example: 5 })
  status?: number;

  /** The status's name. */
  @ApiPropertyOptional({
    enum: ['notStarted', 'initialized', 'starting', 'partlyReady', 'ready', 'recording', 'stopping', 'stopped', 'exited', 'exitedAbnormally', 'unknown'],
    example: 'recording',
  })
  state?: string;

  /** When recording began, Unix milliseconds (individual and mix modes). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1562724971626 })
  sliceStartTime?: number;
}

/** A stopped recording and the files it uploaded. */
export class StoppedRecordingDto extends RecordingReportDto {
  /** True when Agora had already stopped it (a second stop, an idle channel, the bot removed): no file list then. */
  alreadyStopped: boolean;

  /** `uploaded`, `backuped` (some files on Agora's backup cloud, uploaded later), `stranded` or `unknown`. @example "uploaded" */
  uploadingStatus?: string;
}
