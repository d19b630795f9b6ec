import fc from 'fast-check';
import { withEnv } from '../../test/support/test-app.js';
import { ConfigValidationError } from '../config/env-validation.js';
import { agoraRestConfig } from './agora-rest.config.js';

const UNSET = { AGORA_API_BASE_URL: undefined, AGORA_API_FALLBACK_URL: undefined, AGORA_API_RETRY_BASE_MS: undefined, NODE_ENV: 'development' };

function configUnder(env: Record<string, string | undefined>) {
  return withEnv({ ...UNSET, ...env }, async () => agoraRestConfig());
}

async function problemsUnder(env: Record<string, string | undefined>): Promise<string[]> {
  try {
    await configUnder(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  throw new Error('the configuration loaded');
}

describe('agoraRestConfig', () => {
  it('defaults to api.agora.io, then api.sd-rtn.com, with a one-second back-off unit', async () => {
    expect(await configUnder({})).toEqual({ baseUrls: ['https://api.agora.io', 'https://api.sd-rtn.com'], retryBaseMs: 1000 });
  });

  it('takes other hosts (a trailing slash dropped), and an empty fallback switches the fallback off', async () => {
    expect(await configUnder({ AGORA_API_BASE_URL: 'https://api-eu-west-1.agora.io/', AGORA_API_FALLBACK_URL: '', AGORA_API_RETRY_BASE_MS: '0' })).toEqual({
      baseUrls: ['https://api-eu-west-1.agora.io'],
      retryBaseMs: 0,
    });
    expect((await configUnder({ AGORA_API_BASE_URL: 'http://127.0.0.1:8080/agora', AGORA_API_FALLBACK_URL: 'http://127.0.0.1:8080/agora/' })).baseUrls).toEqual([
      'http://127.0.0.1:8080/agora',
    ]);
  });

  it('adds Agora’s second host only behind Agora’s first: a configured base URL (a proxy) gets no fallback unless one is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), async (host) => {
        expect((await configUnder({ AGORA_API_BASE_URL: `https://${host}.proxy.example` })).baseUrls).toEqual([`https://${host}.proxy.example`]);
        expect((await configUnder({ AGORA_API_BASE_URL: `https://${host}.proxy.example`, AGORA_API_FALLBACK_URL: `https://${host}.backup.example` })).baseUrls).toEqual([
          `https://${host}.proxy.example`,
          `https://${host}.backup.example`,
        ]);
      }),
      { numRuns: 20 },
    );
    expect((await configUnder({ AGORA_API_BASE_URL: 'https://api.agora.io/' })).baseUrls).toEqual(['https://api.agora.io', 'https://api.sd-rtn.com']);
  });

  it('refuses a URL that is not plain http(s), naming the variable and never the value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{10,20}$/), async (secret) => {
        const problems = [
          ...(await problemsUnder({ AGORA_API_BASE_URL: `https://user:${secret}@api.agora.io` })),
          ...(await problemsUnder({ AGORA_API_FALLBACK_URL: `ftp://${secret}.example` })),
          ...(await problemsUnder({ AGORA_API_BASE_URL: secret })),
          ...(await problemsUnder({ AGORA_API_BASE_URL: `https://api.agora.io/?key=${secret}` })),
        ];
        expect(problems).toEqual([
          'AGORA_API_BASE_URL must have no credentials, query or fragment',
          'AGORA_API_FALLBACK_URL must be an http or https URL',
          'AGORA_API_BASE_URL must be an http or https URL',
          'AGORA_API_BASE_URL must have no credentials, query or fragment',
        ]);
        for (const problem of problems) expect(problem).not.toContain(secret);
      }),
      { numRuns: 20 },
    );
    expect(await problemsUnder({ AGORA_API_RETRY_BASE_MS: '-1' })).toEqual(['AGORA_API_RETRY_BASE_MS must be between 0 and 60000']);
  });

  it('refuses plain http in production except to a loopback host, since it would carry the Customer Secret in clear', async () => {
    expect(await problemsUnder({ NODE_ENV: 'production', AGORA_API_BASE_URL: 'http://agora-proxy.internal' })).toEqual([
      'AGORA_API_BASE_URL must be https with NODE_ENV=production (plain http only to a loopback host)',
    ]);
    expect((await configUnder({ NODE_ENV: 'production', AGORA_API_BASE_URL: 'http://localhost:9000', AGORA_API_FALLBACK_URL: '' })).baseUrls).toEqual([
      'http://localhost:9000',
    ]);
  });
});
