import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { CHANNEL_MAX_BYTES, USER_ID_MAX_BYTES, UINT32_MAX } from '../../agora/agora.constants.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { NullMeansAbsent } from '../../common/validation/body-shape.js';

/** The Express tutorial's `POST /rtctoken` body. */
@NullMeansAbsent()
export class TutorialRtcTokenRequestDto {
  /**
   * True to publish; false or missing to only join.
   * @example true
   */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isPublisher?: boolean;

  /**
   * The channel to join.
   * @example "demo-room"
   */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  @IsString()
  channel: string;
}

/** The Express tutorial's `POST /rtmtoken` body. */
@NullMeansAbsent()
export class TutorialRtmTokenRequestDto {
  /**
   * The Signaling user id.
   * @example "alice"
   */
  @ApiProperty(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsString()
  user: string;
}

/** `{"uid": …, "token": …}`: the tutorial's `POST /rtctoken` answer. */
export class LegacyUidTokenDto {
  /**
   * The uid the service chose for the caller, which the token is signed for. Absent for an end user
   * (AUTH_MODE jwt), whose token is for their own account.
   * @example 2882341273
   */
  @ApiPropertyOptional(integerSchema(1, UINT32_MAX))
  uid?: number;

  /**
   * The signed RTC token.
   * @example "007eJxTYBBa..."
   */
  token: string;
}
