import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { ConfigValidationError, isProduction, validateEnv } from '../config/env-validation.js';
import { loadApiKeysFile, type ApiKeyRecord } from './api-keys/api-keys-file.js';

const AUTH_MODES = ['none', 'apikey', 'jwt', 'apikey,jwt'] as const;
type AuthMode = (typeof AUTH_MODES)[number];
/** How a caller proves who it is; a mode accepts none, one or both. */
type AuthMethod = 'apikey' | 'jwt';

const MODE_LIST = 'none, apikey, jwt or apikey,jwt';

/** `jwt,apikey` and `apikey, jwt` mean `apikey,jwt`. */
function normalizeMode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parts = value.split(',').map((part) => part.trim().toLowerCase());
  return parts.length === 2 && parts.includes('apikey') && parts.includes('jwt') ? 'apikey,jwt' : parts.join(',');
}

class AuthEnv {
  @IsOptional()
  @Transform(({ value }) => normalizeMode(value))
  @IsIn(AUTH_MODES, { message: `AUTH_MODE must be ${MODE_LIST}` })
  AUTH_MODE?: AuthMode;

  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'JWT_JWKS_URL must be an http(s) URL' },
  )
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_IDENTITY_CLAIM must be a claim name' })
  JWT_IDENTITY_CLAIM = 'sub';

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_CHANNELS_CLAIM must be a claim name' })
  JWT_CHANNELS_CLAIM?: string;
}

/** The variables each method needs. */
const REQUIRED: Record<AuthMethod, ReadonlyArray<keyof AuthEnv>> = {
  apikey: ['API_KEYS_FILE'],
  jwt: ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'],
};

/** `apikey,jwt` accepts both methods, `none` neither. */
function methodsOf(mode: AuthMode): ReadonlySet<AuthMethod> {
  return new Set(mode === 'none' ? [] : (mode.split(',') as AuthMethod[]));
}

function missingFor(env: AuthEnv, methods: ReadonlySet<AuthMethod>): string[] {
  return [...methods].flatMap((method) =>
    REQUIRED[method].filter((name) => !env[name]).map((name) => `${name} is required when AUTH_MODE includes ${method}`),
  );
}

/** How end-user JWTs are verified and read. */
interface JwtSettings {
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
  const methods = methodsOf(mode);
  const missing = missingFor(env, methods);
  if (missing.length > 0) throw new ConfigValidationError(missing);
  const apiKeys: readonly ApiKeyRecord[] = methods.has('apikey') ? loadApiKeysFile(env.API_KEYS_FILE!) : [];
  const jwt: JwtSettings | undefined = methods.has('jwt')
    ? {
        jwksUrl: new URL(env.JWT_JWKS_URL!),
        issuer: env.JWT_ISSUER!,
        audience: env.JWT_AUDIENCE!.split(',').map((audience) => audience.trim()).filter(Boolean),
        identityClaim: env.JWT_IDENTITY_CLAIM,
        channelsClaim: env.JWT_CHANNELS_CLAIM,
      }
    : undefined;
  return { methods, apiKeys, jwt };
});
