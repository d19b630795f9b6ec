import { createApp } from './app.factory.js';
import { appConfig } from './config/app.config.js';
import { operationsConfig } from './config/operations.config.js';
import { shutDownGracefully } from './lifecycle/graceful-shutdown.js';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port, host } = app.get<ReturnType<typeof appConfig>>(appConfig.KEY);
  const operations = app.get<ReturnType<typeof operationsConfig>>(operationsConfig.KEY);
  shutDownGracefully(app, {
    timeoutSeconds: operations.shutdownTimeoutSeconds,
    drainSeconds: operations.shutdownDrainSeconds,
  });
  await app.listen(port, host);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the variable, never its value.
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
