import { registerAs } from '@nestjs/config';
import { IsOptional, IsUrl } from 'class-validator';
import { EnvInt, validateEnv } from '../../config/env-validation.js';

class RateLimitEnv {
  @EnvInt(1, 1_000_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false },
    { message: 'REDIS_URL must be a redis:// or rediss:// URL' },
  )
  REDIS_URL?: string;
}

/** How many token requests each caller may make a minute, and where the counters live. */
export const rateLimitConfig = registerAs('rateLimit', () => {
  const env = validateEnv(RateLimitEnv);
  return { perMinute: env.RATE_LIMIT_PER_MINUTE, redisUrl: env.REDIS_URL };
});
