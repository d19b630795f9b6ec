import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';

/** An issued RTM (Signaling) token. */
export class RtmTokenResponseDto extends IssuedTokenDto {
  /**
   * The Signaling user id the token logs in.
   * @example "alice"
   */
  userId: string;

  /**
   * The stream channel the token also covers, when one was asked for.
   * @example "demo-room"
   */
  channel?: string;
}
