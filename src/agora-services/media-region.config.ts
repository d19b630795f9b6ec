import { registerAs } from '@nestjs/config';
import { IsIn, IsOptional } from 'class-validator';
import { validateEnv } from '../config/env-validation.js';

/**
 * Agora's media service regions, as its REST paths spell them (`/{region}/v1/projects/{appId}/rtmp-converters`):
 * North America, Europe, Asia Pacific (outside mainland China) and mainland China.
 */
export const MEDIA_REGIONS = ['na', 'eu', 'ap', 'cn'] as const;
export type MediaRegion = (typeof MEDIA_REGIONS)[number];

/** Whether `value` is one of {@link MEDIA_REGIONS}. */
export function isMediaRegion(value: unknown): value is MediaRegion {
  return typeof value === 'string' && (MEDIA_REGIONS as readonly string[]).includes(value);
}

class MediaRegionEnv {
  @IsOptional()
  @IsIn(MEDIA_REGIONS, { message: `AGORA_MEDIA_REGION must be one of ${MEDIA_REGIONS.join(', ')}` })
  AGORA_MEDIA_REGION: MediaRegion = 'na';
}

/** The media services' configuration: the region a request that names none goes to. */
export interface MediaRegionConfig {
  readonly defaultRegion: MediaRegion;
}

/**
 * AGORA_MEDIA_REGION (default `na`): the region of media push converters, media pull players and Media Gateway stream
 * keys whose request names none, and of lists without `?region=`. Agora advises the region nearest the CDN origin
 * (push) or the stream's source (pull, ingest). A resource's region is sealed in its id, so changing the variable
 * moves only new resources; every later call on one goes to the region it was created in.
 *
 * @example
 * imports: [ConfigModule.forFeature(mediaRegionConfig)]
 * constructor(@Inject(mediaRegionConfig.KEY) private readonly regions: MediaRegionConfig) {}
 */
export const mediaRegionConfig = registerAs('mediaRegion', (): MediaRegionConfig => {
  const env = validateEnv(MediaRegionEnv);
  return { defaultRegion: env.AGORA_MEDIA_REGION };
});
