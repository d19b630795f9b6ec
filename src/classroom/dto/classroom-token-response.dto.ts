import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { IssuedTokenDto } from '../../agora/dto/issued-token.dto.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { ClassroomRole } from './classroom-role.enum.js';

/** An issued Flexible Classroom token: room user, user or app. */
export class ClassroomTokenResponseDto extends IssuedTokenDto {
  /**
   * The classroom, for room user tokens.
   * @example "math-101"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  roomUuid?: string;

  /**
   * The user (also the Signaling user id the token logs in), for room user and user tokens: the one sent, the
   * end user's identity, or, when neither, the random UUID the service chose.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  userUuid?: string;

  /**
   * The role in the room, for room user tokens.
   * @example "student"
   */
  role?: ClassroomRole;

  /**
   * The Chat user id a room user token also logs in: the MD5 of `userUuid` (hex), as Agora's builder makes it.
   * @example "6384e2b2184bcbf58eccf10ca7a6563c"
   */
  @ApiPropertyOptional({ minLength: 32, maxLength: 32, pattern: '^[0-9a-f]{32}$' })
  chatUserId?: string;
}
