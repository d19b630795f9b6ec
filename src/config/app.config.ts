import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { ConfigValidationError, EnvInt, validateEnv } from './env-validation.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An origin as browsers send it: scheme, host and optional port, no path. */
const ORIGIN = /^https?:\/\/[^/\s,]+$/;

/** true/false, or IPv4/IPv6 addresses and CIDRs separated by commas. */
const TRUST_PROXY = /^(true|false|[0-9a-fA-F.:]+(\/\d{1,3})?( *, *[0-9a-fA-F.:]+(\/\d{1,3})?)*)$/;

class AppEnv {
  @IsOptional()
  @EnvInt(1, 65535)
  PORT = 8080;

  @IsOptional()
  @IsString()
  @Matches(/^\S+$/, { message: 'HOST must be a host name or address' })
  HOST = '0.0.0.0';

  @Transform(({ value }) => splitList(value))
  @ValidateIf((env: AppEnv) => env.CORS_ALLOW_ORIGIN !== '*')
  @ArrayNotEmpty({ message: 'CORS_ALLOW_ORIGIN must be * or list at least one origin' })
  @Matches(ORIGIN, {
    each: true,
    message: 'CORS_ALLOW_ORIGIN must be * or a comma-separated list of origins such as https://app.example.com',
  })
  CORS_ALLOW_ORIGIN: string[] | '*' = '*';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** true: one synchronous write(2) per line; false: lines buffered and written asynchronously (see stdoutDestination). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'LOG_SYNC must be true or false' })
  LOG_SYNC: 'true' | 'false' = 'false';

  @IsOptional()
  @Matches(TRUST_PROXY, {
    message: 'TRUST_PROXY must be false, true, or a comma-separated list of proxy addresses or CIDRs',
  })
  TRUST_PROXY = 'false';

  /** A token request is under 17 KiB: it is whole within a second on any link that can use a token. */
  @IsOptional()
  @EnvInt(1, 3600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 30;

  @IsOptional()
  @EnvInt(1, 3600)
  HTTP_HEADERS_TIMEOUT_SECONDS = 10;

  /** Longer than nginx's upstream keepalive_timeout (60 s): the balancer closes an idle connection first. */
  @IsOptional()
  @EnvInt(1, 3600)
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS = 72;
}

/**
 * Fastify's trustProxy: which X-Forwarded-For hops to believe when taking a
 * caller's address (rate limits for AUTH_MODE=none, logs). Trusting every hop
 * lets any client choose its own address, so prefer naming the proxies.
 */
function trustProxyOf(value: string): boolean | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  return value.split(',').map((address) => address.trim());
}

function splitList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '*') return '*';
  return value.split(',').map((origin) => origin.trim()).filter(Boolean);
}

/**
 * HTTP server settings: where to listen, who may call from a browser, which proxies to believe, how much to log,
 * how long to wait for a client.
 */
export const appConfig = registerAs('app', () => {
  const env = validateEnv(AppEnv);
  if (env.HTTP_HEADERS_TIMEOUT_SECONDS > env.HTTP_REQUEST_TIMEOUT_SECONDS) {
    // Node refuses a headers timeout past the request timeout: the request timeout already covers the headers.
    throw new ConfigValidationError(['HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS']);
  }
  return {
    port: env.PORT,
    host: env.HOST,
    corsAllowOrigin: env.CORS_ALLOW_ORIGIN,
    logLevel: env.LOG_LEVEL,
    /** Each log line written synchronously, one write(2) each (LOG_SYNC=true), instead of buffered. */
    logSync: env.LOG_SYNC === 'true',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    timeouts: {
      /** From a request's first byte until it is whole (headers and body); past it a 408, and the connection closes. */
      requestSeconds: env.HTTP_REQUEST_TIMEOUT_SECONDS,
      /** From a request's first byte until its headers are whole. */
      headersSeconds: env.HTTP_HEADERS_TIMEOUT_SECONDS,
      /** How long an idle keep-alive connection stays open after an answer. */
      keepAliveSeconds: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS,
    },
  };
});
