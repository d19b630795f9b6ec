import { registerAs } from '@nestjs/config';
import { AGORA_MAX_EXPIRE_SECONDS } from './agora.constants.js';
import { ConfigValidationError, EnvInt, validateEnv } from '../config/env-validation.js';


class TokenEnv {
  @EnvInt(1, AGORA_MAX_EXPIRE_SECONDS)
  TOKEN_DEFAULT_EXPIRE_SECONDS = 3600;

  @EnvInt(1, AGORA_MAX_EXPIRE_SECONDS)
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
