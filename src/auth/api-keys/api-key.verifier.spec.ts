import type { ConfigType } from '@nestjs/config';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { authConfig } from '../auth.config.js';
import { ApiKeyVerifier } from './api-key.verifier.js';

const sha256 = (key: string) => createHash('sha256').update(key).digest();

/** A verifier over these keys, as the keys file gives them (id, digest, policy); key i has id `key-i`. */
function verifierOf(keys: readonly string[]): ApiKeyVerifier {
  const apiKeys = keys.map((key, index) => ({ id: `key-${index}`, digest: sha256(key), policy: { kinds: [`kind-${index}`] } }));
  return new ApiKeyVerifier({ methods: new Set(['apikey']), apiKeys, jwt: undefined } as unknown as ConfigType<typeof authConfig>);
}

describe('ApiKeyVerifier', () => {
  it('recognises each configured key as its own caller, with its own policy, and nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 80 }), (keys, other) => {
        const verifier = verifierOf(keys);
        keys.forEach((key, index) => expect(verifier.verify(key)).toEqual({ kind: 'apikey', id: `key-${index}`, policy: { kinds: [`kind-${index}`] } }));
        if (!keys.includes(other)) expect(verifier.verify(other)).toBeUndefined();
      }),
    );
  });

  it('recognises the first and the last of 10,000 configured keys, and no key that is not one of them', () => {
    const keys = Array.from({ length: 10_000 }, (_, index) => `service-key-${index}-${'x'.repeat(index % 7)}`);
    const verifier = verifierOf(keys);
    expect(verifier.verify(keys[9_999])?.id).toBe('key-9999');
    expect(verifier.verify(keys[0])?.id).toBe('key-0');
    expect(verifier.verify('service-key-10000')).toBeUndefined();
  });
});
