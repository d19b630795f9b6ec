import { ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { ChatTokenKind } from './chat-token-kind.enum.js';

/** An issued Chat token. */
export class ChatTokenResponseDto extends IssuedTokenDto {
  /** `user` for a user token, `app` for an app token. */
  kind: ChatTokenKind;

  /**
   * The Chat user id, for user tokens.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  userId?: string;
}
