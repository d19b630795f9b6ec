import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES, UINT32_MAX } from '../../agora/agora.constants.js';
import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { RtcPrivilegesDto } from './rtc-privileges.dto.js';
import { RtcRole } from '../../agora/rtc-role.enum.js';

/** An issued RTC token. */
export class RtcTokenResponseDto extends IssuedTokenDto {
  /**
   * The channel the token is for.
   * @example "demo-room"
   */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  /**
   * The numeric uid the token is for (the one sent, or the one the service picked). Absent for account tokens.
   * @example 42
   */
  @ApiPropertyOptional(integerSchema(0, UINT32_MAX))
  uid?: number;

  /**
   * The user account the token is for. Absent for uid tokens.
   * @example "alice@example.com"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, ACCOUNT_MAX_BYTES))
  account?: string;

  /** The role granted, for role-based requests. */
  role?: RtcRole;

  /** The per-privilege lifetimes granted, for privilege-based requests. */
  privileges?: RtcPrivilegesDto;
}
