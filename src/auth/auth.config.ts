import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { ConfigValidationError, isProduction, validateEnv } from '../config/env-validation.js';
import { loadApiKeysFile, type ApiKeyRecord } from './api-keys/api-keys-file.js';
import { AUTH_METHODS, type AuthMethod } from './strategies/caller-auth.strategy.js';

/** `none`, or any comma-separated list of methods, in any order: `jwt, apikey` is `apikey,jwt`. */
const MODE_LIST = `none, ${AUTH_METHODS.join(', ')} or ${AUTH_METHODS.join(',')}`;

/** The methods AUTH_MODE names, or undefined when it names something else. */
function methodsIn(mode: string): ReadonlySet<AuthMethod> | undefined {
  const parts = mode.split(',').map((part) => part.trim().toLowerCase());
  if (parts.length === 1 && parts[0] === 'none') return new Set();
  const methods = parts.filter((part): part is AuthMethod => (AUTH_METHODS as readonly string[]).includes(part));
  return methods.length === parts.length ? new Set(methods) : undefined;
}

class AuthEnv {
  @IsOptional()
  @IsString()
  AUTH_MODE?: string;

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

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_PROJECTS_CLAIM must be a claim name' })
  JWT_PROJECTS_CLAIM?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_SERVICES_CLAIM must be a claim name' })
  JWT_SERVICES_CLAIM?: string;
}

/** The variables each method needs. */
const REQUIRED: Record<AuthMethod, ReadonlyArray<keyof AuthEnv>> = {
  apikey: ['API_KEYS_FILE'],
  jwt: ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'],
};

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
  readonly projectsClaim?: string;
  /** The claim naming the Agora services (such as `recording`) an end user may use; unset, they may use none. */
  readonly servicesClaim?: string;
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
  const methods = methodsIn(env.AUTH_MODE ?? 'none');
  if (!methods) throw new ConfigValidationError([`AUTH_MODE must be ${MODE_LIST}`]);
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
        projectsClaim: env.JWT_PROJECTS_CLAIM,
        servicesClaim: env.JWT_SERVICES_CLAIM,
      }
    : undefined;
  return { methods, apiKeys, jwt };
});
