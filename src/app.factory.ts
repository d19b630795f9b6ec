import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Writable } from 'node:stream';
import { AppModule } from './app.module.js';
import { hardenHttp, MAX_BODY_BYTES } from './common/http/http-hardening.js';
import { LOG_REDACTION } from './common/logging/redact-paths.js';
import { appConfig } from './config/app.config.js';
import { setUpOpenApi } from './openapi.js';

export interface CreateAppOptions {
  /** Fastify request logging (pino); off in tests. */
  requestLogs?: boolean;
  /** Nest's own log levels; false silences it. */
  logger?: NestLogLevel[] | false;
  /** Where request logs go instead of stdout (the log-redaction spec captures them). */
  logStream?: Writable;
}

/**
 * Builds the whole application, exactly as production runs it, without
 * listening: main.ts listens on it, and the e2e specs inject requests into it.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const requestLogs =
    options.requestLogs === false ? false : { redact: LOG_REDACTION, ...(options.logStream && { stream: options.logStream }) };
  const adapter = new FastifyAdapter({
    logger: requestLogs,
    bodyLimit: MAX_BODY_BYTES,
    // The community servers' clients call GET /rtm/:uid/ with or without the slash, and
    // path parameters carry user accounts (up to 255 bytes, percent-encoded): see src/compat.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(), adapter, {
    // JSON only: Nest's form parser and Fastify's text/plain parser are not
    // registered, so any other media type is a 415.
    bodyParser: false,
    abortOnError: false,
    logger: options.logger,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');

  const config = app.get<ReturnType<typeof appConfig>>(appConfig.KEY);
  fastify.log.level = config.logLevel;
  await hardenHttp(app, config.corsAllowOrigin);
  setUpOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}
