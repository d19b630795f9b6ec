import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../agora.constants.js';

/** The lifetime every token request may set. */
export class TokenLifetimeDto {
  /**
   * How long the token is valid, in seconds from now (not a timestamp). Defaults to
   * TOKEN_DEFAULT_EXPIRE_SECONDS (3600); at most TOKEN_MAX_EXPIRE_SECONDS and never above 86400 (24 h).
   * @example 3600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  expireSeconds?: number;
}
