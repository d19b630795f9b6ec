import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { RECORDING_MODES } from '../../../recording/recording-handle.js';
import { ChannelName } from '../../../agora/dto/channel-name.decorator.js';

/** The resourceId the fork's routes answer: the recording's signed id (as /v1's `id`), at most 1024 characters. */
export const FORK_RESOURCE_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const SID = { type: 'string', minLength: 1, maxLength: 256 } as const;
/** A uid as the start answered it: digits (compared with the recording's, never read as a number). */
const ECHOED_UID = /^[0-9]{1,10}$/;
const ECHOED_UID_SCHEMA = { type: 'string', pattern: ECHOED_UID.source, minLength: 1, maxLength: 10, 'x-max-bytes': 10 } as const;

/**
 * What the fork's clients echo back to name a recording: the `resourceId` its start answered (which identifies it
 * here, and says whose it is), with `cname`, `uid`, `sid` (or the older `recordingId`) and `recordingMode` as
 * the start answered them (and its `timestamp`, ignored). Each echoed value must be the recording's (a 400 naming it otherwise).
 */
@NullMeansAbsent()
export class ForkRecordingIdsDto {
  /**
   * The `resourceId` the start answered.
   * @example "Fc_JjoIwAADQf-kZkilrPYoijWhYFEUnE0MXRBAqIFD8-onHd3y_UAGM59nwfAMF1A8Jvq6F2glRAwXo0IDmQrNMHShgO48-alI8nKDjWoa3rpaZ47k9Hd_4bI_I6SIRhyssa36S00XTVKlWo-Ftw-TgFmqU74L2c6lntDOP0mcdbotXgp5FhRrrEBQMh64Z9av0TLr4lcK7pB55xBtWOhpft0Lc5njYXKb-M0dNRWpyj66lL_YrlYsxKmSycVsavvxHNXlst6zInj6DMg1NDKernt4XnJS3Y9d_WyhHXKc5o4ZtUGZaOYWUk0xHP8zmMAMKWL6bGp2D44wrN6bxLD_RoKpAgba1sC1Lh9rfPw.IIgLLf-wYqgmwdP5DwVLMJSkOFkDpumGgBGfPbP1sxI"
   */
  @ApiProperty(FORK_RESOURCE_ID_SCHEMA)
  @Length(1, 1024)
  @IsString()
  @IsDefined({ message: '$property is required' })
  resourceId: string;

  /**
   * The recording session id the start answered.
   * @example "38f8e3cfdc474cd56fc1ceba380d7e1a"
   */
  @ApiPropertyOptional(SID)
  @IsOptional()
  @Length(1, 256)
  @IsString()
  sid?: string;

  /** The session id under the name the fork's first versions answered it; as `sid`. */
  @ApiPropertyOptional({ ...SID, deprecated: true, example: '38f8e3cfdc474cd56fc1ceba380d7e1a' })
  @IsOptional()
  @Length(1, 256)
  @IsString()
  recordingId?: string;

  /**
   * The recorded channel, as the start answered it.
   * @example "test_channel"
   */
  @ChannelName({ required: false })
  cname?: string;

  /**
   * The recording bot's uid, as the start answered it.
   * @example "3141592653"
   */
  @ApiPropertyOptional(ECHOED_UID_SCHEMA)
  @IsOptional()
  @Matches(ECHOED_UID, { message: '$property must be a uid as the start answered it (digits)' })
  @IsString()
  uid?: string;

  /**
   * Ignored: the start answer's time, taken so a client may echo that answer whole (the fork ignored any field it
   * did not know; this service refuses unknown fields, so a misspelt one is never silently dropped).
   * @example "2026-01-30T09:45:12Z"
   */
  @ApiPropertyOptional({ type: 'string', maxLength: 64 })
  @IsOptional()
  @Length(0, 64)
  @IsString()
  timestamp?: string;

  /** The recording's mode; left out, the mode it was started in (the fork assumed `mix`). */
  @ApiPropertyOptional({ enum: RECORDING_MODES, example: 'mix' })
  @IsOptional()
  @IsString()
  recordingMode?: string;
}
