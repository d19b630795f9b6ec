import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { NullMeansAbsent } from '../../common/validation/body-shape.js';

/** The Signaling sample server's `POST /fetch_rtm_token` body. */
@NullMeansAbsent()
export class FetchRtmTokenRequestDto {
  /**
   * The Signaling user id, as a string.
   * @example "1234"
   */
  @ApiProperty(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsString()
  uid: string;
}

/** `{"token": …, "code": "200"}`: the Signaling sample server's answer. */
export class FetchRtmTokenResponseDto {
  /**
   * The signed RTM (Signaling) token.
   * @example "007eJxTYBBa..."
   */
  token: string;

  /**
   * Always "200" (a string, as the sample sent it).
   * @example "200"
   */
  code: '200';
}
