import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../agora/agora.constants.js';
import { ConfigValidationError, validateEnv } from './env-validation.js';


class TokenEnv {
  @Type(() => Number)
  @IsInt({ message: 'TOKEN_DEFAULT_EXPIRE_SECONDS must be an integer' })
  @Min(1, { message: 'TOKEN_DEFAULT_EXPIRE_SECONDS must be between 1 and 86400' })
  @Max(AGORA_MAX_EXPIRE_SECONDS, { message: 'TOKEN_DEFAULT_EXPIRE_SECONDS must be between 1 and 86400' })
  TOKEN_DEFAULT_EXPIRE_SECONDS = 3600;

  @Type(() => Number)
  @IsInt({ message: 'TOKEN_MAX_EXPIRE_SECONDS must be an integer' })
  @Min(1, { message: 'TOKEN_MAX_EXPIRE_SECONDS must be between 1 and 86400' })
  @Max(AGORA_MAX_EXPIRE_SECONDS, { message: 'TOKEN_MAX_EXPIRE_SECONDS must be between 1 and 86400' })
  TOKEN_MAX_EXPIRE_SECONDS = AGORA_MAX_EXPIRE_SECONDS;
}

/** How long issued tokens live: the default, and the ceiling a caller may ask for. */
export const tokenConfig = registerAs('token', () => {
  const env = validateEnv(TokenEnv);
  if (env.TOKEN_DEFAULT_EXPIRE_SECONDS > env.TOKEN_MAX_EXPIRE_SECONDS) {
    throw new ConfigValidationError([
      'TOKEN_DEFAULT_EXPIRE_SECONDS must not exceed TOKEN_MAX_EXPIRE_SECONDS',
    ]);
  }
  return {
    defaultExpireSeconds: env.TOKEN_DEFAULT_EXPIRE_SECONDS,
    maxExpireSeconds: env.TOKEN_MAX_EXPIRE_SECONDS,
  };
});
