import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Nest's own messages (start-up, shutdown, auth warnings) through
 * Fastify's pino instance, so every line the process writes is one JSON
 * object in one format. Nest passes the context (a class name) last, and for
 * errors a stack before it (or only a stack, or the Error itself as the message).
 * nestjs-pino's Logger writes each of those stacks under `err` instead, and takes
 * the lone stack for the context: see "Why not nestjs-pino" in docs/operations.md.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.pino.info(fields(params), text(message));
  }

  error(message: unknown, ...params: unknown[]): void {
    // (message, stack, context), (message, context), or (message, stack) from the static Logger: a context is a
    // class name, a stack has lines. Nest also logs a thrown error as the message alone: its stack is the one to keep.
    const [given, ...rest] = params.length > 1 || isStack(params[0]) ? params : [undefined, ...params];
    const stack = typeof given === 'string' ? given : message instanceof Error ? message.stack : undefined;
    this.pino.error({ ...fields(rest), ...(stack ? { stack } : {}) }, text(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.pino.warn(fields(params), text(message));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.pino.debug(fields(params), text(message));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.pino.trace(fields(params), text(message));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(fields(params), text(message));
  }
}

function fields(params: unknown[]): { context?: string } {
  const context = params.at(-1);
  return typeof context === 'string' ? { context } : {};
}

function isStack(param: unknown): boolean {
  return typeof param === 'string' && param.includes('\n');
}

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return JSON.stringify(message);
}
