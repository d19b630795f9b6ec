import { IsByteLength, IsOptional, IsString } from 'class-validator';
import { TokenLifetimeDto } from '../../agora/dto/token-lifetime.dto.js';

/** A request for a Chat token: a user token with `userId`, an app token without. */
export class CreateChatTokenDto extends TokenLifetimeDto {
  /**
   * The Chat user id, 1 to 64 bytes. Omit it for an app token (app-wide REST privileges); end users calling
   * with a JWT always get a user token for their own identity.
   * @example "alice"
   */
  @IsOptional()
  @IsByteLength(1, 64, { message: '$property must be 1 to 64 bytes' })
  @IsString()
  userId?: string;
}
