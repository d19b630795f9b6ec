import fc from 'fast-check';
import { withEnv } from '../../test/support/test-app.js';
import { ConfigValidationError } from '../config/env-validation.js';
import { isMediaRegion, MEDIA_REGIONS, mediaRegionConfig } from './media-region.config.js';

const configUnder = (value: string | undefined) => withEnv({ AGORA_MEDIA_REGION: value }, async () => mediaRegionConfig());

describe('mediaRegionConfig', () => {
  it('defaults to na (unset or empty) and takes each of Agora’s regions', async () => {
    expect(await configUnder(undefined)).toEqual({ defaultRegion: 'na' });
    expect(await configUnder('')).toEqual({ defaultRegion: 'na' });
    for (const region of MEDIA_REGIONS) expect(await configUnder(region)).toEqual({ defaultRegion: region });
  });

  it('refuses anything else at start-up, naming the variable and never the value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }).filter((value) => !isMediaRegion(value)),
        async (value) => {
          const failure = await configUnder(value).then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(failure).toBeInstanceOf(ConfigValidationError);
          expect((failure as ConfigValidationError).problems).toEqual(['AGORA_MEDIA_REGION must be one of na, eu, ap, cn']);
        },
      ),
    );
  });
});
