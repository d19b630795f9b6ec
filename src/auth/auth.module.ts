import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ApiKeyStrategy } from './api-keys/api-key.strategy.js';
import { ApiKeyVerifier } from './api-keys/api-key.verifier.js';
import { authConfig } from './auth.config.js';
import { Authenticator } from './authenticator.service.js';
import { TokenAuthorizer } from './authorization/token-authorizer.service.js';
import { CallerGate } from './caller-gate.service.js';
import { JwtStrategy } from './jwt/jwt.strategy.js';
import { JwtVerifier } from './jwt/jwt.verifier.js';
import { CallerRateLimiter } from './rate-limit/caller-rate-limiter.js';
import { rateLimitConfig } from './rate-limit/rate-limit.config.js';
import { RateLimitStoreHealth } from './rate-limit/rate-limit-store.health.js';
import { RateLimitStore } from './rate-limit/rate-limit.store.js';
import { AUTH_METHODS, CALLER_AUTH_STRATEGIES, type CallerAuthStrategy } from './strategies/caller-auth.strategy.js';

/** Every caller-authentication strategy; AUTH_MODE enables some of them. */
const STRATEGIES = [ApiKeyStrategy, JwtStrategy];

/**
 * Caller security: who is calling (API key, JWT or anonymous, per
 * AUTH_MODE), how often (per-caller rate limit, shared through Redis), and
 * what they may get (TokenAuthorizer, used by the token issuer). Modules that
 * inject one of its exports import it: TokensModule (the authorizer), HealthModule
 * (the rate-limit store's readiness check).
 */
@Module({
  imports: [ConfigModule.forFeature(authConfig), ConfigModule.forFeature(rateLimitConfig), TerminusModule],
  providers: [
    ApiKeyVerifier,
    JwtVerifier,
    ...STRATEGIES,
    {
      provide: CALLER_AUTH_STRATEGIES,
      inject: [authConfig.KEY, ...STRATEGIES],
      useFactory: (config: ConfigType<typeof authConfig>, ...strategies: CallerAuthStrategy[]) =>
        AUTH_METHODS.flatMap((method) => strategies.filter((strategy) => strategy.method === method && config.methods.has(method))),
    },
    Authenticator,
    TokenAuthorizer,
    RateLimitStore,
    RateLimitStoreHealth,
    CallerRateLimiter,
    CallerGate,
  ],
  exports: [TokenAuthorizer, RateLimitStore, RateLimitStoreHealth, CallerGate],
})
export class AuthModule {}
