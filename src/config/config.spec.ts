import { withEnv } from '../../test/support/test-app.js';
import { agoraConfig, DEMO_CREDENTIALS } from '../agora/agora.config.js';
import { tokenConfig } from '../agora/token.config.js';
import { shutdownConfig } from '../lifecycle/shutdown.config.js';
import { metricsConfig } from '../metrics/metrics.config.js';
import { appConfig } from './app.config.js';
import { ConfigValidationError } from './env-validation.js';

const CERT = '00112233445566778899aabbccddeeff';
const APP_ID = 'aabbccddeeff00112233445566778899';
const UNSET = {
  APP_ID: undefined,
  APP_CERTIFICATE: undefined,
  AGORA_PROJECTS_FILE: undefined,
  AGORA_PROJECTS_WATCH_SECONDS: undefined,
  PORT: undefined,
  HOST: undefined,
  CORS_ALLOW_ORIGIN: undefined,
  LOG_LEVEL: undefined,
  LOG_SYNC: undefined,
  TRUST_PROXY: undefined,
  HTTP_REQUEST_TIMEOUT_SECONDS: undefined,
  HTTP_HEADERS_TIMEOUT_SECONDS: undefined,
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: undefined,
  TOKEN_DEFAULT_EXPIRE_SECONDS: undefined,
  TOKEN_MAX_EXPIRE_SECONDS: undefined,
  METRICS_TOKEN: undefined,
  SHUTDOWN_TIMEOUT_SECONDS: undefined,
  SHUTDOWN_DRAIN_SECONDS: undefined,
  NODE_ENV: 'development',
};

/** Runs a config factory under an environment and returns its error message (or fails). */
async function errorOf(factory: () => unknown, env: Record<string, string | undefined>): Promise<string> {
  return withEnv({ ...UNSET, ...env }, async () => {
    try {
      factory();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      return (error as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  });
}

describe('configuration', () => {
  it('has the documented defaults', async () => {
    await withEnv(UNSET, async () => {
      expect(appConfig()).toEqual({
        port: 8080,
        host: '0.0.0.0',
        corsAllowOrigin: '*',
        logLevel: 'info',
        logSync: false,
        trustProxy: false,
        // Keep-alive outlasts nginx's upstream keepalive_timeout (60 s), so nginx closes an idle connection first.
        timeouts: { requestSeconds: 30, headersSeconds: 10, keepAliveSeconds: 72 },
      });
      expect(tokenConfig()).toEqual({ defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 });
    });
  });

  it('reads every variable', async () => {
    const env = {
      ...UNSET,
      APP_ID,
      APP_CERTIFICATE: CERT,
      PORT: '9000',
      HOST: '127.0.0.1',
      CORS_ALLOW_ORIGIN: 'https://a.example.com, http://localhost:3000',
      LOG_LEVEL: 'debug',
      LOG_SYNC: 'true',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '20',
      HTTP_HEADERS_TIMEOUT_SECONDS: '5',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '120',
      TOKEN_DEFAULT_EXPIRE_SECONDS: '600',
      TOKEN_MAX_EXPIRE_SECONDS: '7200',
    };
    await withEnv(env, async () => {
      expect(appConfig()).toEqual({
        port: 9000,
        host: '127.0.0.1',
        corsAllowOrigin: ['https://a.example.com', 'http://localhost:3000'],
        logLevel: 'debug',
        logSync: true,
        trustProxy: ['10.0.0.0/8', '192.168.1.1'],
        timeouts: { requestSeconds: 20, headersSeconds: 5, keepAliveSeconds: 120 },
      });
      expect(agoraConfig()).toEqual({ projects: [{ name: 'default', appId: APP_ID, certificate: CERT }], demo: false });
      expect(tokenConfig()).toEqual({ defaultExpireSeconds: 600, maxExpireSeconds: 7200 });
    });
  });

  it('TRUST_PROXY=true believes every proxy hop', async () => {
    await withEnv({ ...UNSET, TRUST_PROXY: 'true' }, async () => {
      expect(appConfig().trustProxy).toBe(true);
    });
  });

  it('keeps APP_ID and APP_CERTIFICATE in lower case, as Agora writes them (it signs with the certificate text)', async () => {
    await withEnv({ ...UNSET, APP_ID: APP_ID.toUpperCase(), APP_CERTIFICATE: CERT.toUpperCase() }, async () => {
      expect(agoraConfig()).toEqual({ projects: [{ name: 'default', appId: APP_ID.toLowerCase(), certificate: CERT.toLowerCase() }], demo: false });
    });
  });

  it('falls back to the demo pair without credentials outside production', async () => {
    await withEnv(UNSET, async () => {
      expect(agoraConfig()).toEqual({
        projects: [{ name: 'default', appId: DEMO_CREDENTIALS.appId, certificate: DEMO_CREDENTIALS.appCertificate }],
        demo: true,
      });
    });
  });

  it.each([
    [{ APP_ID: 'xyz' }, 'APP_ID must be 32 hexadecimal characters'],
    [{ APP_ID, APP_CERTIFICATE: 'g'.repeat(32) }, 'APP_CERTIFICATE must be 32 hexadecimal characters'],
    [{ APP_ID }, 'APP_ID and APP_CERTIFICATE must be set together'],
    [{ APP_CERTIFICATE: CERT }, 'APP_ID and APP_CERTIFICATE must be set together'],
    [{ NODE_ENV: 'production' }, 'AGORA_PROJECTS_FILE, or APP_ID and APP_CERTIFICATE, are required when NODE_ENV=production'],
    [{ APP_ID, APP_CERTIFICATE: CERT, AGORA_PROJECTS_FILE: '/nowhere.json' }, 'Set AGORA_PROJECTS_FILE or APP_ID and APP_CERTIFICATE, not both'],
    [{ AGORA_PROJECTS_FILE: '/nowhere.json' }, 'AGORA_PROJECTS_FILE cannot be read'],
    [{ AGORA_PROJECTS_WATCH_SECONDS: '-1' }, 'AGORA_PROJECTS_WATCH_SECONDS must be between 0 and 3600'],
  ])('refuses malformed or missing credentials %j', async (env, message) => {
    expect(await errorOf(agoraConfig, env)).toContain(message);
  });

  it('never prints the certificate it refuses', async () => {
    const almostHex = `${CERT.slice(0, 31)}z`;
    const message = await errorOf(agoraConfig, { APP_ID, APP_CERTIFICATE: almostHex });

    expect(message).toContain('APP_CERTIFICATE');
    expect(message).not.toContain(almostHex);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535'],
    [{ HOST: 'two words' }, 'HOST must be a host name or address'],
    [{ CORS_ALLOW_ORIGIN: 'example.com' }, 'CORS_ALLOW_ORIGIN must be * or a comma-separated list'],
    [{ CORS_ALLOW_ORIGIN: ',' }, 'CORS_ALLOW_ORIGIN must be * or list at least one origin'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of'],
    [{ LOG_SYNC: 'yes' }, 'LOG_SYNC must be true or false'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be false, true, or a comma-separated list'],
    [{ HTTP_REQUEST_TIMEOUT_SECONDS: '0' }, 'HTTP_REQUEST_TIMEOUT_SECONDS must be between 1 and 3600'],
    [{ HTTP_HEADERS_TIMEOUT_SECONDS: '2.5' }, 'HTTP_HEADERS_TIMEOUT_SECONDS must be an integer'],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: 'forever' }, 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS must be an integer'],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '3601' }, 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS must be between 1 and 3600'],
    [
      { HTTP_REQUEST_TIMEOUT_SECONDS: '5', HTTP_HEADERS_TIMEOUT_SECONDS: '6' },
      'HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
    ],
  ])('refuses malformed server settings %j', async (env, message) => {
    expect(await errorOf(appConfig, env)).toContain(message);
  });

  it.each([
    [{ TOKEN_DEFAULT_EXPIRE_SECONDS: '1.5' }, 'TOKEN_DEFAULT_EXPIRE_SECONDS must be an integer'],
    [{ TOKEN_DEFAULT_EXPIRE_SECONDS: '0' }, 'TOKEN_DEFAULT_EXPIRE_SECONDS must be between 1 and 86400'],
    [{ TOKEN_MAX_EXPIRE_SECONDS: '86401' }, 'TOKEN_MAX_EXPIRE_SECONDS must be between 1 and 86400'],
    [
      { TOKEN_DEFAULT_EXPIRE_SECONDS: '7200', TOKEN_MAX_EXPIRE_SECONDS: '3600' },
      'TOKEN_DEFAULT_EXPIRE_SECONDS must not exceed TOKEN_MAX_EXPIRE_SECONDS',
    ],
  ])('refuses malformed token lifetimes %j', async (env, message) => {
    expect(await errorOf(tokenConfig, env)).toContain(message);
  });

  describe('operations', () => {
    // Two namespaces, each beside its feature: who may scrape /metrics, and how a shutdown drains.
    const operationsConfig = () => ({ ...metricsConfig(), ...shutdownConfig() });
    const read = (env: Record<string, string | undefined>) => withEnv({ ...UNSET, ...env }, async () => operationsConfig());

    it('has the documented defaults: open metrics, a 10 s shutdown without drain', async () => {
      await expect(read({})).resolves.toEqual({ metricsToken: undefined, shutdownTimeoutSeconds: 10, shutdownDrainSeconds: 0 });
    });

    it('reads the variables', async () => {
      await expect(
        read({ METRICS_TOKEN: 'scrape-secret-0123456789', SHUTDOWN_TIMEOUT_SECONDS: '30', SHUTDOWN_DRAIN_SECONDS: '5' }),
      ).resolves.toEqual({ metricsToken: 'scrape-secret-0123456789', shutdownTimeoutSeconds: 30, shutdownDrainSeconds: 5 });
    });

    it.each([
      [{ SHUTDOWN_TIMEOUT_SECONDS: '0' }, 'SHUTDOWN_TIMEOUT_SECONDS must be between 1 and 300'],
      [{ SHUTDOWN_TIMEOUT_SECONDS: 'ten' }, 'SHUTDOWN_TIMEOUT_SECONDS must be an integer'],
      [{ SHUTDOWN_DRAIN_SECONDS: '-1' }, 'SHUTDOWN_DRAIN_SECONDS must be between 0 and 300'],
      [{ SHUTDOWN_DRAIN_SECONDS: '10' }, 'SHUTDOWN_DRAIN_SECONDS must be less than SHUTDOWN_TIMEOUT_SECONDS'],
      [{ METRICS_TOKEN: 'has a space in it, long enough' }, 'METRICS_TOKEN must be at least 16 characters without spaces'],
    ])('refuses %j, naming the variable', async (env, message) => {
      expect(await errorOf(operationsConfig, env)).toContain(message);
    });

    it('never repeats a refused METRICS_TOKEN', async () => {
      expect(await errorOf(operationsConfig, { METRICS_TOKEN: 'short-secret' })).not.toContain('short-secret');
    });
  });
});
