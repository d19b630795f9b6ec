import fc from 'fast-check';
import { withEnv } from '../../test/support/test-app.js';
import { writeApiKeysFile } from '../../test/support/api-keys.js';
import { authConfig } from './auth.config.js';
import { AUTH_METHODS } from './strategies/caller-auth.strategy.js';

/** What every method needs to start: a keys file, a JWKS and the claims JWTs must carry. */
const METHOD_ENV = {
  API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key: 'a'.repeat(64) }]),
  JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json',
  JWT_ISSUER: 'https://issuer.example.test/',
  JWT_AUDIENCE: 'token-service',
  NODE_ENV: 'development',
};

const methodsFor = (mode: string | undefined) => withEnv({ ...METHOD_ENV, AUTH_MODE: mode }, async () => authConfig().methods);

describe('AUTH_MODE', () => {
  it('takes any list of the methods, in any order, case and spacing, repeats included', async () => {
    const spelled = fc
      .array(fc.constantFrom(...AUTH_METHODS), { minLength: 1, maxLength: 4 })
      .chain((methods) => fc.tuple(fc.constant(methods), fc.array(fc.boolean(), { minLength: methods.length, maxLength: methods.length }), fc.constantFrom(',', ', ', ' , ')));
    await fc.assert(
      fc.asyncProperty(spelled, async ([methods, upper, separator]) => {
        const mode = methods.map((method, at) => (upper[at] ? method.toUpperCase() : method)).join(separator);
        expect([...(await methodsFor(mode))].sort()).toEqual([...new Set(methods)].sort());
      }),
      { numRuns: 50 },
    );
  });

  it('is no method for none or when unset, and refuses anything else, naming the choices', async () => {
    expect((await methodsFor('none')).size).toBe(0);
    expect((await methodsFor(undefined)).size).toBe(0);
    for (const mode of ['password', 'none,apikey', 'apikey,', 'apikey jwt', 'oauth,jwt']) {
      await expect(methodsFor(mode)).rejects.toThrow('AUTH_MODE must be none, apikey, jwt or apikey,jwt');
    }
  });
});
