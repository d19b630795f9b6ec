import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, ValidateIf } from 'class-validator';
import { ConfigValidationError, isProduction, validateEnv } from '../config/env-validation.js';
import { loadApiKeysFile, type ApiKeyRecord } from './api-keys/api-keys-file.js';

export const AUTH_MODES = ['none', 'apikey', 'jwt', 'apikey,jwt'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const MODE_LIST = 'none, apikey, jwt or apikey,jwt';

/** `jwt,apikey` and `apikey, jwt` mean `apikey,jwt`. */
function normalizeMode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parts = value.split(',').map((part) => part.trim().toLowerCase());
  return parts.length === 2 && parts.includes('apikey') && parts.includes('jwt') ? 'apikey,jwt' : parts.join(',');
}

const usesApiKeys = (env: AuthEnv) => env.AUTH_MODE?.includes('apikey') ?? false;
const usesJwts = (env: AuthEnv) => env.AUTH_MODE?.includes('jwt') ?? false;

class AuthEnv {
  @IsOptional()
  @Transform(({ value }) => normalizeMode(value))
  @Matches(/^(none|apikey|jwt|apikey,jwt)$/, { message: `AUTH_MODE must be ${MODE_LIST}` })
  AUTH_MODE?: AuthMode;

  @ValidateIf(usesApiKeys)
  @IsNotEmpty({ message: 'API_KEYS_FILE is required when AUTH_MODE includes apikey' })
  @IsString()
  API_KEYS_FILE?: string;

  @ValidateIf(usesJwts)
  @IsNotEmpty({ message: 'JWT_JWKS_URL is required when AUTH_MODE includes jwt' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'JWT_JWKS_URL must be an http(s) URL' },
  )
  JWT_JWKS_URL?: string;

  @ValidateIf(usesJwts)
  @IsNotEmpty({ message: 'JWT_ISSUER is required when AUTH_MODE includes jwt' })
  JWT_ISSUER?: string;

  @ValidateIf(usesJwts)
  @IsNotEmpty({ message: 'JWT_AUDIENCE is required when AUTH_MODE includes jwt' })
  JWT_AUDIENCE?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_IDENTITY_CLAIM must be a claim name' })
  JWT_IDENTITY_CLAIM = 'sub';

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_CHANNELS_CLAIM must be a claim name' })
  JWT_CHANNELS_CLAIM?: string;
}

/** How end-user JWTs are verified and read. */
export interface JwtSettings {
  readonly jwksUrl: URL;
  readonly issuer: string;
  /** The token's `aud` must hold one of these. */
  readonly audience: readonly string[];
  readonly identityClaim: string;
  readonly channelsClaim?: string;
}

/**
 * Who may call the token routes (AUTH_MODE) and how callers are recognised.
 * Production must choose a mode explicitly; the API keys file is read and
 * validated here, so a bad file stops start-up.
 */
export const authConfig = registerAs('auth', () => {
  const env = validateEnv(AuthEnv);
  if (!env.AUTH_MODE && isProduction()) {
    throw new ConfigValidationError([`AUTH_MODE must be set explicitly when NODE_ENV=production (${MODE_LIST})`]);
  }
  const mode: AuthMode = env.AUTH_MODE ?? 'none';
  const apiKeys: readonly ApiKeyRecord[] = usesApiKeys(env) ? loadApiKeysFile(env.API_KEYS_FILE!) : [];
  const jwt: JwtSettings | undefined = usesJwts(env)
    ? {
        jwksUrl: new URL(env.JWT_JWKS_URL!),
        issuer: env.JWT_ISSUER!,
        audience: env.JWT_AUDIENCE!.split(',').map((audience) => audience.trim()).filter(Boolean),
        identityClaim: env.JWT_IDENTITY_CLAIM,
        channelsClaim: env.JWT_CHANNELS_CLAIM,
      }
    : undefined;
  return { mode, apiKeys, jwt };
});
