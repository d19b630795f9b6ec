import { registerAs } from '@nestjs/config';
import { IsIn, IsOptional } from 'class-validator';
import { validateEnv } from '../config/env-validation.js';

class CompatEnv {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'LEGACY_ROUTES must be true or false' })
  LEGACY_ROUTES: 'true' | 'false' = 'true';
}

/**
 * Whether the routes of the community token servers (see src/compat) are
 * served. On by default, so a team switches by changing one base URL.
 */
export const compatConfig = registerAs('compat', () => {
  const env = validateEnv(CompatEnv);
  return { legacyRoutes: env.LEGACY_ROUTES === 'true' };
});
