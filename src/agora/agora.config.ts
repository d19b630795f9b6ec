import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { ConfigValidationError, isProduction, validateEnv } from '../config/env-validation.js';

/** What agora-token accepts: anything else makes it return an empty token. */
const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * A well-formed pair that Agora's servers will reject. It lets a fresh clone
 * serve tokens and Swagger UI at once; it is refused in production.
 */
export const DEMO_CREDENTIALS = {
  appId: '0123456789abcdef0123456789abcdef',
  appCertificate: 'fedcba9876543210fedcba9876543210',
} as const;

class AgoraEnv {
  @IsOptional()
  @Matches(HEX32, { message: 'APP_ID must be 32 hexadecimal characters' })
  APP_ID?: string;

  @IsOptional()
  @Matches(HEX32, { message: 'APP_CERTIFICATE must be 32 hexadecimal characters' })
  APP_CERTIFICATE?: string;
}

/** The project's Agora credentials. Only the token signer reads them. */
export const agoraConfig = registerAs('agora', () => {
  const env = validateEnv(AgoraEnv);
  if (env.APP_ID && env.APP_CERTIFICATE) {
    return { appId: env.APP_ID, appCertificate: env.APP_CERTIFICATE, demo: false };
  }
  if (env.APP_ID || env.APP_CERTIFICATE) {
    throw new ConfigValidationError(['APP_ID and APP_CERTIFICATE must be set together']);
  }
  if (isProduction()) {
    throw new ConfigValidationError(['APP_ID and APP_CERTIFICATE are required when NODE_ENV=production']);
  }
  return { ...DEMO_CREDENTIALS, demo: true };
});
