import { pino } from 'pino';
import { PinoNestLogger } from './pino-nest-logger.js';

/** A PinoNestLogger over a real pino writing JSON lines (level as a name, as in production) into an array. */
function capturedLogger(): { logger: PinoNestLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const logger = pino({ level: 'trace', formatters: { level: (label) => ({ level: label }) } }, stream);
  return { logger: new PinoNestLogger(logger), lines };
}

describe('PinoNestLogger', () => {
  const stack = 'Error: boom\n    at Object.<anonymous> (/app/dist/main.js:1:1)';

  it('error(message, stack, context): the stack and the context each in their own field', () => {
    const { logger, lines } = capturedLogger();

    logger.error('Shutdown hook failed', stack, 'NestApplication');

    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'Shutdown hook failed', stack, context: 'NestApplication' })]);
  });

  it('error(message, context): a context, and no stack', () => {
    const { logger, lines } = capturedLogger();

    logger.error('Shutdown did not finish within 1 s', 'Shutdown');

    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'Shutdown did not finish within 1 s', context: 'Shutdown' })]);
    expect(lines[0]).not.toHaveProperty('stack');
  });

  it("error(error, stack), as Nest's shutdown hooks call the static Logger: the stack is not taken for a context", () => {
    const { logger, lines } = capturedLogger();
    const error = new Error('Redis quit failed');

    logger.error(error, error.stack);

    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'Redis quit failed', stack: error.stack })]);
    expect(lines[0]).not.toHaveProperty('context');
  });

  it("error(errorObject), alone or as Nest's Logger passes it (no stack, then its context): its message and its stack", () => {
    const { logger, lines } = capturedLogger();
    const error = new Error('Redis said no');

    logger.error(error);
    logger.error(error, undefined, 'ExceptionHandler');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'Redis said no', stack: error.stack }),
      expect.objectContaining({ level: 'error', msg: 'Redis said no', stack: error.stack, context: 'ExceptionHandler' }),
    ]);
    expect(lines[0]).not.toHaveProperty('context');
  });

  it('log and warn carry their context', () => {
    const { logger, lines } = capturedLogger();

    logger.log('Server listening', 'NestApplication');
    logger.warn('Redis is unreachable', 'RateLimit');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Server listening', context: 'NestApplication' }),
      expect.objectContaining({ level: 'warn', msg: 'Redis is unreachable', context: 'RateLimit' }),
    ]);
  });
});
