import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';
import { validateEnv } from '../../config/env-validation.js';

class RateLimitEnv {
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be between 1 and 1000000000' })
  @Max(1_000_000_000, { message: 'RATE_LIMIT_PER_MINUTE must be between 1 and 1000000000' })
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
