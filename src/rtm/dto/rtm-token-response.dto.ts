import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { RtmPermissionsDto } from './rtm-permissions.dto.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';

/** An issued RTM (Signaling) token. */
export class RtmTokenResponseDto extends IssuedTokenDto {
  /**
   * The Signaling user id the token logs in: the one sent, the end user's identity, or, when neither, the
   * random UUID the service chose.
   * @example "alice"
   */
  @ApiProperty(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  userId: string;

  /**
   * The stream channel the token also covers, when one was asked for.
   * @example "demo-room"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel?: string;

  /** The permissions the login is limited to, when some were asked for. */
  permissions?: RtmPermissionsDto;
}
