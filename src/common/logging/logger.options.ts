import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../../config/app.config.js';
import { serializeError } from './error.serializer.js';
import { lazyRequestLogger } from './lazy-request-logger.js';
import { LOG_REDACTION } from './redact-paths.js';
import { RequestLogController } from './request-log.controller.js';
import { requestIdOf } from './request-id.js';

/** Where log lines go: stdout unless a test captures them. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * The Fastify options that shape logging: pino writing one JSON object per
 * line (level as a name), request ids from {@link requestIdOf} bound to every
 * line of a request as `requestId`, and one line per request, at LOG_LEVEL
 * from the first line on; `mixin`'s fields (tracing's trace ids) on every line when given.
 */
export function loggingOptions(enabled: boolean, level: LogLevel, destination?: LogDestination, mixin?: () => object): FastifyServerOptions {
  return {
    logger: enabled && {
      level,
      redact: LOG_REDACTION,
      serializers: { err: serializeError },
      formatters: { level: (label: string) => ({ level: label }) },
      ...(destination ? { stream: destination } : {}),
      // Fields merged into every line (tracing's trace ids); none is given with tracing off, so no line pays for it.
      ...(mixin ? { mixin } : {}),
    },
    genReqId: requestIdOf,
    // genReqId reads X-Request-Id itself, so that it can refuse unsafe values.
    requestIdHeader: false,
    logController: new RequestLogController({ requestIdLogLabel: 'requestId' }),
    childLoggerFactory: lazyRequestLogger,
  };
}
