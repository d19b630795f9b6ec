import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsByteLength, IsOptional, IsString } from 'class-validator';
import { USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';

/** A request for a Flexible Classroom user token. */
export class CreateClassroomUserTokenDto extends TokenRequestDto {
  /**
   * The user's id in Flexible Classroom (its Signaling user id), 1 to 64 bytes. For an end user calling with a
   * JWT it is their identity (the only user they may send); any other caller who leaves it out gets a fresh one
   * (a random UUID), returned as `userUuid`.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, USER_ID_MAX_BYTES, { message: `$property must be 1 to ${USER_ID_MAX_BYTES} bytes` })
  @IsString()
  userUuid?: string;
}
