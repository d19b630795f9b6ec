import type { FastifyBaseLogger, FastifyLogFn as LogFn, FastifyServerOptions } from 'fastify';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Bindings = Parameters<ChildLoggerFactory>[1];
type ChildLoggerOptions = Parameters<ChildLoggerFactory>[2];

/**
 * Fastify's childLoggerFactory: `request.log` becomes a pino child when the
 * request first logs through it, not for every request. Most requests never
 * do (their one line is written by RequestLogController, request id
 * included), and a child per request, its bindings serialized through the
 * redaction, was a measurable share of a token request. Lines logged through
 * `request.log` still carry the request id.
 */
export const lazyRequestLogger: ChildLoggerFactory = (logger, bindings, options) =>
  new LazyRequestLogger(logger, bindings, options);

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

class LazyRequestLogger implements FastifyBaseLogger {
  // On the prototype (below), so that a request costs one small object, not a closure per level.
  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  private logger?: FastifyBaseLogger;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The pino child, made on first use. */
  get real(): FastifyBaseLogger {
    return (this.logger ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.logger?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

for (const level of LEVELS) {
  LazyRequestLogger.prototype[level] = function (this: LazyRequestLogger, ...args: unknown[]): void {
    (this.real[level] as (...line: unknown[]) => void)(...args);
  };
}
