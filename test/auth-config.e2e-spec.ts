import { POLICY_KINDS } from '../src/auth/authorization/kind-policy.js';
import { newApiKey, sha256Hex, writeApiKeysFile, writeRawKeysFile } from './support/api-keys.js';
import { spawnService } from './support/spawn-service.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const JWT_ENV = { JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json', JWT_ISSUER: 'https://id.example.test/', JWT_AUDIENCE: 'svc' };

/** Start-up must stop with this message, naming the variable. */
async function refusesToStart(env: Record<string, string | undefined>, message: string): Promise<void> {
  await expect(createTestApp(env)).rejects.toThrow(message);
}

describe('Caller-security configuration (start-up)', () => {
  it('requires AUTH_MODE to be set explicitly in production', async () => {
    await refusesToStart(
      { NODE_ENV: 'production', AUTH_MODE: undefined },
      'AUTH_MODE must be set explicitly when NODE_ENV=production (none, apikey, jwt or apikey,jwt)',
    );
  });

  it('starts in production with an explicit AUTH_MODE, even none', async () => {
    const app = await createTestApp({ NODE_ENV: 'production', AUTH_MODE: 'none' });
    await app.close();
  });

  it('exits the real process non-zero with that message', async () => {
    const service = spawnService({ NODE_ENV: 'production', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, HOST: '127.0.0.1' });

    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('AUTH_MODE must be set explicitly when NODE_ENV=production');
  });

  it('refuses an unknown AUTH_MODE', async () => {
    await refusesToStart({ AUTH_MODE: 'password' }, 'AUTH_MODE must be none, apikey, jwt or apikey,jwt');
  });

  it('takes the two methods in either order and with spaces', async () => {
    const app = await createTestApp({
      AUTH_MODE: 'jwt, apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key: newApiKey() }]),
      ...JWT_ENV,
    });
    const res = await app.inject({ method: 'POST', url: '/v1/chat/token', payload: {} });
    expect(res.headers['www-authenticate']).toContain('ApiKey');
    // JWTs are on too: a JWT-shaped bearer is verified against the JWKS, unreachable here, so a 503.
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k' })).toString('base64url');
    const jwt = await app.inject({ method: 'POST', url: '/v1/chat/token', payload: {}, headers: { authorization: `Bearer ${header}.e30.c2ln` } });
    expect(jwt.statusCode).toBe(503);
    await app.close();
  });

  it('requires API_KEYS_FILE in apikey mode', async () => {
    await refusesToStart({ AUTH_MODE: 'apikey', API_KEYS_FILE: undefined }, 'API_KEYS_FILE is required when AUTH_MODE includes apikey');
  });

  it('requires JWT_JWKS_URL, JWT_ISSUER and JWT_AUDIENCE in jwt mode', async () => {
    const none = { JWT_JWKS_URL: undefined, JWT_ISSUER: undefined, JWT_AUDIENCE: undefined };
    await expect(createTestApp({ AUTH_MODE: 'jwt', ...none })).rejects.toThrow(
      'Invalid configuration: JWT_JWKS_URL is required when AUTH_MODE includes jwt; ' +
        'JWT_ISSUER is required when AUTH_MODE includes jwt; JWT_AUDIENCE is required when AUTH_MODE includes jwt',
    );
    await refusesToStart({ AUTH_MODE: 'jwt', ...JWT_ENV, JWT_JWKS_URL: 'file:///etc/jwks.json' }, 'JWT_JWKS_URL must be an http(s) URL');
  });

  describe('API_KEYS_FILE', () => {
    const digest = sha256Hex(newApiKey());
    const withFile = (content: string) => ({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeRawKeysFile(content) });

    it.each([
      ['cannot be read', { AUTH_MODE: 'apikey', API_KEYS_FILE: '/nonexistent/keys.json' }, 'API_KEYS_FILE cannot be read'],
      ['is not JSON', withFile('[{"id": "a", sha256: }'), 'API_KEYS_FILE is not valid JSON'],
      ['is not an array', withFile('{"id": "a"}'), 'API_KEYS_FILE must hold a JSON array of keys'],
      ['is empty', withFile('[]'), 'API_KEYS_FILE lists no keys'],
    ])('stops start-up when it %s', async (_name, env, message) => {
      await refusesToStart(env, message);
    });

    it('names each bad entry and field, never a value', async () => {
      const entries = [
        { id: 'ok', sha256: digest },
        { id: 'bad id!', sha256: 'not-hex-secret-ish' },
        { id: 'typo', sha256: sha256Hex('x'), channel: ['team-*'] },
        { id: 'policy', sha256: sha256Hex('y'), kinds: ['video'], roles: ['admin'], maxExpireSeconds: 100_000, channels: [], recordings: 'all' },
        'just a string',
        { id: 'empty', sha256: sha256Hex('z'), kinds: [], roles: [] },
      ];
      const failure = createTestApp(withFile(JSON.stringify(entries)));

      await expect(failure).rejects.toThrow(
        'Invalid configuration: ' +
          [
            'API_KEYS_FILE entry 2: id must be 1 to 64 letters, digits or . _ : @ -',
            'API_KEYS_FILE entry 2: sha256 must be the 64 hex characters of the key’s SHA-256',
            'API_KEYS_FILE entry 3: unknown field channel',
            `API_KEYS_FILE entry 4: kinds may hold only ${POLICY_KINDS.join(', ')}`,
            'API_KEYS_FILE entry 4: channels must not be empty (leave it out for any channel)',
            'API_KEYS_FILE entry 4: roles may hold only publisher, subscriber',
            'API_KEYS_FILE entry 4: recordings must be own or any',
            'API_KEYS_FILE entry 4: maxExpireSeconds must be between 1 and 86400',
            'API_KEYS_FILE entry 5 must be an object',
            'API_KEYS_FILE entry 6: kinds must not be empty (leave it out for every kind)',
            'API_KEYS_FILE entry 6: roles must not be empty (leave it out for every role)',
          ].join('; '),
      );
      await failure.catch((error: Error) => expect(error.message).not.toContain('not-hex-secret-ish'));
    });

    it.each(['kinds', 'channels', 'roles', 'maxExpireSeconds', 'recordings'])('refuses %s: null rather than reading it as no limit', async (field) => {
      const failure = createTestApp(withFile(JSON.stringify([{ id: 'a', sha256: digest, [field]: null }])));

      await expect(failure).rejects.toThrow(`API_KEYS_FILE entry 1: ${field} must be `);
    });

    it('refuses an id or a digest used twice', async () => {
      const entries = [
        { id: 'a', sha256: digest },
        { id: 'a', sha256: sha256Hex('other') },
        { id: 'b', sha256: digest.toUpperCase() },
      ];
      await refusesToStart(
        withFile(JSON.stringify(entries)),
        'API_KEYS_FILE entry 2: id is used twice; API_KEYS_FILE entry 3: sha256 is used twice',
      );
    });
  });

  describe('rate limits', () => {
    it('refuses a RATE_LIMIT_PER_MINUTE that is not a positive integer', async () => {
      for (const value of ['0', '-5', '1.5', 'lots']) {
        await refusesToStart({ RATE_LIMIT_PER_MINUTE: value }, 'RATE_LIMIT_PER_MINUTE must');
      }
    });

    it('refuses a REDIS_URL that is not a redis URL, without printing it', async () => {
      const failure = createTestApp({ REDIS_URL: 'http://:s3cret@127.0.0.1:6379' });
      await expect(failure).rejects.toThrow('REDIS_URL must be a redis:// or rediss:// URL');
      await failure.catch((error: Error) => expect(error.message).not.toContain('s3cret'));
    });
  });
});
