import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { gateRoutes } from './auth/caller-gate.hook.js';
import { CallerGate } from './auth/caller-gate.service.js';
import { answerClientError } from './common/http/client-error.handler.js';
import { answerUnmetExpectations } from './common/http/expectation.handler.js';
import { answerFrameworkErrors, MAX_PATH_PARAM_LENGTH } from './common/http/framework-errors.handler.js';
import { HOST_CHECKED_BY_SERVICE } from './common/http/host-header.js';
import { hardenHttp, MAX_BODY_BYTES } from './common/http/http-hardening.js';
import { registerJsonBodyParsers } from './common/http/json-body.parser.js';
import { parseQueryString } from './common/http/query-string.parser.js';
import { serverTimeoutOptions } from './common/http/server-timeouts.js';
import { loggingOptions, type LogDestination } from './common/logging/logger.options.js';
import { PinoNestLogger } from './common/logging/pino-nest-logger.js';
import { stdoutDestination } from './common/logging/stdout-destination.js';
import { registerRequestLogging } from './common/logging/request-logging.js';
import { validateBodies } from './common/validation/body-validation.hook.js';
import { assertDtosAreValidated } from './common/validation/validated-parameters.check.js';
import { appConfig } from './config/app.config.js';
import { isDocsRoute, setUpOpenApi } from './openapi.js';
import type { AppTracing } from './telemetry/app-tracing.interface.js';

export interface CreateAppOptions {
  /** Fastify request logging (pino); off in tests. */
  requestLogs?: boolean;
  /** Nest's own log levels; false silences it. By default Nest logs through pino. */
  logger?: NestLogLevel[] | false;
  /** Where log lines go instead of stdout (LOG_SYNC decides how stdout is written); specs capture them. */
  logStream?: LogDestination;
  /** Request spans and trace ids in log lines, when main.ts started tracing (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: AppTracing;
}

/**
 * Builds the whole application, exactly as production runs it, without
 * listening: main.ts listens on it, and the e2e specs inject requests into it.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // Read before Nest starts: Fastify takes trustProxy and the log level only when it is
  // created. (.env is already loaded: ConfigModule.forRoot reads it when app.module is imported.)
  const config = appConfig();
  const timeouts = serverTimeoutOptions(config.timeouts);
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    ...loggingOptions(options.requestLogs ?? true, config.logLevel, options.logStream ?? stdoutDestination(config.logSync), options.tracing?.logFields),
    ...timeouts,
    http: { ...timeouts.http, ...HOST_CHECKED_BY_SERVICE },
    bodyLimit: MAX_BODY_BYTES,
    // The community servers' clients call GET /rtm/:uid/ with or without the slash, and
    // path parameters carry user accounts: see src/compat.
    // Queries are decoded by the rule paths are: a parameter that is not percent-encoded UTF-8 is a 400.
    routerOptions: {
      ignoreTrailingSlash: true,
      maxParamLength: MAX_PATH_PARAM_LENGTH,
      querystringParser: parseQueryString,
    },
    // Every error is a problem, also those raised before a route runs: a path the router
    // refuses, and a request Node's HTTP parser refuses or that times out (and, below, an
    // Expect other than 100-continue; a missing Host is refused in hardenHttp).
    frameworkErrors: answerFrameworkErrors(config.corsAllowOrigin),
    clientErrorHandler: answerClientError,
    // When the server closes (after the drain), Node closes the idle keep-alive connections; a
    // request already arriving on an open one is served (with Connection: close), not given a 503.
    return503OnClosing: false,
    // No Nest middleware here: without middie, a request skips its (empty) hook.
    skipMiddie: true,
  });
  // First, so that its request span opens before any other hook runs.
  options.tracing?.instrument(adapter.getInstance());
  registerRequestLogging(adapter.getInstance());
  answerUnmetExpectations(adapter.getInstance());
  // The request pipeline's per-route steps, in this order, on every route (see docs/architecture.md):
  // the caller (unless the route is public), then the body. Added before any route can exist.
  let app: NestFastifyApplication | undefined = undefined;
  gateRoutes(adapter.getInstance(), () => app!.get(CallerGate), isDocsRoute);
  validateBodies(adapter.getInstance());
  app = await NestFactory.create<NestFastifyApplication>(AppModule.register(), adapter, {
    // JSON only (see registerJsonBodyParsers): Nest's form parser is not registered.
    bodyParser: false,
    abortOnError: false,
    logger: options.logger ?? new PinoNestLogger(adapter.getInstance().log),
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParsers(fastify);
  hardenHttp(app, config.corsAllowOrigin);
  assertDtosAreValidated(app);
  setUpOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}
