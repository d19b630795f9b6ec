import type { FastifyServerOptions } from 'fastify';
import { RequestLogController } from './request-log.controller.js';
import { requestIdOf } from './request-id.js';

/** Where log lines go: stdout unless a test captures them. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * Paths pino replaces with "[redacted]" in a log line: credentials and tokens
 * must never be written, even by a serializer. The request line never holds
 * them; these catch a mistake. Exact paths only: wildcard paths made redaction
 * a measurable share of a request's time.
 */
export const REDACT_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'token', 'appCertificate'];

/**
 * The Fastify options that shape logging: pino writing one JSON object per
 * line (level as a name), request ids from {@link requestIdOf} bound to every
 * line of a request as `requestId`, and one line per request. The level
 * starts at info; createApp applies LOG_LEVEL once configuration is loaded.
 */
export function loggingOptions(enabled: boolean, destination?: LogDestination): FastifyServerOptions {
  return {
    logger: enabled && {
      level: 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label: string) => ({ level: label }) },
      ...(destination ? { stream: destination } : {}),
    },
    genReqId: requestIdOf,
    // genReqId reads X-Request-Id itself, so that it can refuse unsafe values.
    requestIdHeader: false,
    logController: new RequestLogController({ requestIdLogLabel: 'requestId' }),
  };
}
