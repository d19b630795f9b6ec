import { registerAs } from '@nestjs/config';
import { IsIn, IsOptional } from 'class-validator';
import { TOKEN_FORMATS, type TokenFormat } from '../agora/dto/token-format.dto.js';
import { validateEnv } from '../config/env-validation.js';

class CompatEnv {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'LEGACY_ROUTES must be true or false' })
  LEGACY_ROUTES: 'true' | 'false' = 'true';

  @IsOptional()
  @IsIn(TOKEN_FORMATS, { message: `LEGACY_TOKEN_FORMAT must be ${TOKEN_FORMATS.join(' or ')}` })
  LEGACY_TOKEN_FORMAT: TokenFormat = '007';
}

/**
 * Whether the routes of the community token servers (see src/compat) are
 * served. On by default, so a team switches by changing one base URL. And the
 * format the routes of the servers that issued 006 tokens (Agora-Node-TokenServer,
 * the Express tutorial, the Signaling sample) sign: 007 unless their apps are
 * on SDK releases that predate AccessToken2.
 */
export const compatConfig = registerAs('compat', () => {
  const env = validateEnv(CompatEnv);
  return { legacyRoutes: env.LEGACY_ROUTES === 'true', legacyTokenFormat: env.LEGACY_TOKEN_FORMAT };
});
