import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsByteLength, IsOptional, IsString } from 'class-validator';
import { USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';

/** A request for a Chat token: a user token with `userId`, an app token without. */
export class CreateChatTokenDto extends TokenRequestDto {
  /**
   * The Chat user id, 1 to 64 bytes. Omit it for an app token (app-wide REST privileges); end users calling
   * with a JWT always get a user token for their own identity.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, USER_ID_MAX_BYTES, { message: `$property must be 1 to ${USER_ID_MAX_BYTES} bytes` })
  @IsString()
  userId?: string;
}
