import pino from 'pino';
import type { LogDestination } from './logger.options.js';

/**
 * Lines gathered before one write(2) to stdout: about a dozen request lines. Also used by the benchmark's
 * hand-written reference (bench/targets/fastify-features.mjs), so that both pay the same for their logs.
 */
export const LOG_BUFFER_BYTES = 4096;

/** A quiet service's lines wait at most this long in the buffer. */
const LOG_FLUSH_EVERY_MS = 1000;

/** A pino destination: writes lines, and can push out what it holds. */
export interface FlushableDestination extends LogDestination {
  flush(done?: (error?: Error) => void): void;
  flushSync(): void;
}

/** The process's stdout destination, once created: the fatal paths flush it (see flushLogsSync). */
let stdout: FlushableDestination | undefined;

/**
 * Where the process's log lines go: stdout (fd 1) through pino's own destination (sonic-boom).
 * By default asynchronous: lines are gathered until LOG_BUFFER_BYTES (or LOG_FLUSH_EVERY_MS) and written by
 * libuv's thread pool, one write(2) for many lines, off the event loop. With LOG_SYNC=true, each line is one
 * synchronous write(2), as console.log to a file is. Either way every line is written before a graceful
 * exit and on any exit the process lives to see (pino flushes its asynchronous destinations synchronously on
 * process 'exit'); what a hard kill can lose is said in docs/operations.md, "Logs".
 *
 * One per process: a second app in the same process (specs build several) shares it.
 */
export function stdoutDestination(sync: boolean): FlushableDestination {
  if (stdout) return stdout;
  const destination = pino.destination(
    sync ? { dest: 1, sync: true } : { dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_EVERY_MS },
  );
  // pino stops writing on EPIPE (the reader is gone) and hands on any other error (stdout closed: EBADF). A line
  // that cannot be written has nowhere else to go either: drop it rather than crash the service over its logs.
  destination.on('error', () => {});
  stdout = destination;
  return destination;
}

/**
 * Writes out every line still buffered, synchronously: for the fatal paths (a start-up failure), before the
 * process exits. Never throws: a stdout that is gone cannot be helped, and the exit must go on.
 */
export function flushLogsSync(): void {
  try {
    stdout?.flushSync();
  } catch {
    // EPIPE, EBADF: the lines are lost with the reader; the exit code still tells what happened.
  }
}

/** How long the graceful exit waits for its lines to be written: a reader that takes none never calls back. */
const FLUSH_WAIT_MS = 1000;

/**
 * Pushes out what the destination holds; resolves once written, or after `waitMs` (at most FLUSH_WAIT_MS). The graceful exit
 * waits on it so that no write is still in the thread pool when the process exits (pino's exit flush writes
 * only what is buffered, not a write already handed to the pool).
 */
export function flushLogs(waitMs = FLUSH_WAIT_MS): Promise<void> {
  return new Promise((done) => {
    if (!stdout) return done();
    setTimeout(done, Math.min(waitMs, FLUSH_WAIT_MS)).unref();
    try {
      stdout.flush(() => done());
    } catch {
      done();
    }
  });
}
