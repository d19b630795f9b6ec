import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { RtcPrivilegesDto } from './rtc-privileges.dto.js';
import { RtcRole } from './rtc-role.enum.js';

/** An issued RTC token. */
export class RtcTokenResponseDto extends IssuedTokenDto {
  /**
   * The channel the token is for.
   * @example "demo-room"
   */
  channel: string;

  /**
   * The numeric uid the token is for (the one sent, or the one the service picked). Absent for account tokens.
   * @example 42
   */
  uid?: number;

  /**
   * The user account the token is for. Absent for uid tokens.
   * @example "alice@example.com"
   */
  account?: string;

  /** The role granted, for role-based requests. */
  role?: RtcRole;

  /** The per-privilege lifetimes granted, for privilege-based requests. */
  privileges?: RtcPrivilegesDto;
}
