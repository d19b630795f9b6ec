import { withEnv } from '../../test/support/test-app.js';
import { operationsConfig } from './operations.config.js';

const UNSET = { METRICS_TOKEN: undefined, SHUTDOWN_TIMEOUT_SECONDS: undefined, SHUTDOWN_DRAIN_SECONDS: undefined };

const read = (env: Record<string, string | undefined>) => withEnv({ ...UNSET, ...env }, async () => operationsConfig());

describe('operations configuration', () => {
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
  ])('refuses %p, naming the variable', async (env, message) => {
    await expect(read(env)).rejects.toThrow(message);
  });

  it('never repeats a refused METRICS_TOKEN', async () => {
    await expect(read({ METRICS_TOKEN: 'short-secret' })).rejects.not.toThrow('short-secret');
  });
});
