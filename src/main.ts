// First: V8 flags must be set before the service's modules allocate anything.
import './v8-tuning.js';
// Second, before the app's modules load: a reload signal must never stop the service (see the module).
import './sighup-guard.js';
import { ConfigValidationError } from './config/env-validation.js';
import { tracingRequested } from './telemetry/tracing-switch.js';

// Third: tracing, only when an OTLP endpoint is set, and before the app's modules load (which is why they are
// imported below, not above): otherwise no OpenTelemetry module is loaded at all.
async function bootstrap(): Promise<void> {
  const tracing = tracingRequested() ? (await import('./telemetry/tracing.js')).startTracing() : undefined;
  const { createApp } = await import('./app.factory.js');
  const { appConfig } = await import('./config/app.config.js');
  const app = await createApp({ tracing });
  const { port, host } = app.get<ReturnType<typeof appConfig>>(appConfig.KEY);
  // Exit 0 once shut down (Nest re-raises the signal otherwise, which reads as a crash); see ShutdownState.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(port, host);
  // Request lines are buffered (LOG_SYNC unset); the start-up's are written now, not with the first requests'.
  void (await import('./common/logging/stdout-destination.js')).flushLogs();
}

bootstrap().catch(async (error: unknown) => {
  // The lines logged before the failure (Nest's start-up lines) come first, then the reason. (Imported here like
  // the app: loaded already when the app's modules were.)
  // A write already in the thread pool ends first (at most 1 s), so the synchronous flush cannot interleave with it.
  const logs = await import('./common/logging/stdout-destination.js');
  await logs.flushLogs();
  logs.flushLogsSync();
  // Configuration errors name the variable, never its value: their message is all an operator needs. Anything
  // else is a bug or a broken environment, and its stack is where to look (the dynamic imports above mean no
  // uncaught-exception report prints it for us).
  if (error instanceof ConfigValidationError) console.error(`Start-up failed: ${error.message}`);
  else console.error('Start-up failed:', error);
  process.exit(1);
});
