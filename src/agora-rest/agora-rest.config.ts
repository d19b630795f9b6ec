import { registerAs } from '@nestjs/config';
import { IsOptional, IsString } from 'class-validator';
import { ConfigValidationError, EnvInt, isProduction, validateEnv } from '../config/env-validation.js';

/** Agora's documented hosts: `api.agora.io` first, `api.sd-rtn.com` when it fails (Agora's "dual domain names" advice). */
export const AGORA_API_DEFAULT_URL = 'https://api.agora.io';
export const AGORA_API_DEFAULT_FALLBACK_URL = 'https://api.sd-rtn.com';

class AgoraRestEnv {
  @IsOptional()
  @IsString()
  AGORA_API_BASE_URL = AGORA_API_DEFAULT_URL;

  @IsOptional()
  @IsString()
  AGORA_API_FALLBACK_URL = AGORA_API_DEFAULT_FALLBACK_URL;

  /** The back-off unit: retries wait about 1, 3 and 6 units (Agora advises 1, 3 and 6 seconds). */
  @IsOptional()
  @EnvInt(0, 60_000)
  AGORA_API_RETRY_BASE_MS = 1000;
}

/** Where the Agora REST client sends its calls, and how long it waits between retries. */
export interface AgoraRestConfig {
  /** Base URLs without a trailing slash: the primary first, then the fallback if there is one. */
  readonly baseUrls: readonly string[];
  readonly retryBaseMs: number;
}

/**
 * AGORA_API_BASE_URL (default https://api.agora.io), AGORA_API_FALLBACK_URL (default https://api.sd-rtn.com when
 * the base URL is the default, none otherwise; set it empty to use the base URL only) and AGORA_API_RETRY_BASE_MS. A URL must be http(s) without
 * credentials, query or fragment; plain http would carry the Customer Secret in clear, so with
 * NODE_ENV=production it is accepted only for a loopback host (a local proxy or sidecar).
 */
export const agoraRestConfig = registerAs('agoraRest', (): AgoraRestConfig => {
  const env = validateEnv(AgoraRestEnv);
  // validateEnv counts an empty variable as unset; here empty means "no fallback", so it is read as given.
  const fallbackSet = process.env.AGORA_API_FALLBACK_URL !== undefined;
  const problems: string[] = [];
  const primary = baseUrl('AGORA_API_BASE_URL', env.AGORA_API_BASE_URL, problems);
  // Agora's second host is the fallback of Agora's first host only: a configured base URL (a proxy, a regional
  // host) gets no fallback unless one is given, so no call bypasses the proxy when it fails.
  const fallbackOff = process.env.AGORA_API_FALLBACK_URL === '' || (!fallbackSet && primary !== AGORA_API_DEFAULT_URL);
  const fallback = fallbackOff ? undefined : baseUrl('AGORA_API_FALLBACK_URL', env.AGORA_API_FALLBACK_URL, problems);
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const baseUrls = fallback === undefined || fallback === primary ? [primary] : [primary, fallback];
  return { baseUrls, retryBaseMs: env.AGORA_API_RETRY_BASE_MS };
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function baseUrl(variable: string, value: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${variable} must be an http or https URL`);
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`${variable} must be an http or https URL`);
  else if (url.username || url.password || url.search || url.hash) problems.push(`${variable} must have no credentials, query or fragment`);
  else if (url.protocol === 'http:' && isProduction() && !LOOPBACK.has(url.hostname)) {
    problems.push(`${variable} must be https with NODE_ENV=production (plain http only to a loopback host)`);
  }
  return url.href.replace(/\/+$/, '');
}
