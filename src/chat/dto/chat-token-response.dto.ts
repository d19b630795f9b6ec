import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { ChatTokenKind } from './chat-token-kind.enum.js';

/** An issued Chat token. */
export class ChatTokenResponseDto extends IssuedTokenDto {
  /** `user` for a user token, `app` for an app token. */
  kind: ChatTokenKind;

  /**
   * The Chat user id, for user tokens.
   * @example "alice"
   */
  userId?: string;
}
