import { DiagLogLevel, ROOT_CONTEXT, context, diag, type DiagLogger } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';

/** Where the warnings go: the service's pino logger, once the app made it. */
export interface WarningSink {
  warn(fields: object, message: string): void;
}

/** One line per reason per minute: a collector that is down fails every batch, and must not flood the logs. */
const QUIET_MS = 60_000;
/** Lines kept until the logger exists (tracing starts before the app); more are counted, not kept. */
const PENDING_MAX = 8;

/**
 * The SDK's own reports, turned into the service's log lines. Each is a FIXED message with a reason from a fixed
 * vocabulary (an HTTP status, a system error code such as ECONNREFUSED, `timeout`): never the SDK's text or
 * arguments, which quote the collector's URL (credentials in it included), the collector's answer, or a
 * configuration value, and could quote OTEL_EXPORTER_OTLP_HEADERS.
 *
 * - A failed export reaches the SDK's global error handler (BatchSpanProcessor reports it there).
 * - Other SDK problems (a dropped span, a bad setting) reach the diag logger, at WARN and above.
 */
export class TracingWarnings {
  private sink?: WarningSink;
  private readonly pending: [object, string][] = [];
  private readonly lastLogged = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  /** Installs this as the SDK's diag logger (WARN) and global error handler. */
  install(): void {
    const report = (): void => this.warn('sdk', 'OpenTelemetry SDK reported a problem (details withheld: they may quote the endpoint)');
    const ignore = (): void => undefined;
    const logger: DiagLogger = { error: report, warn: report, info: ignore, debug: ignore, verbose: ignore };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    setGlobalErrorHandler((error) => this.exportFailed(error));
  }

  /** Sends the lines kept so far, and every later one, to `sink`. */
  attach(sink: WarningSink): void {
    this.sink = sink;
    for (const [fields, message] of this.pending.splice(0)) sink.warn(fields, message);
  }

  /** A batch of spans was not delivered (it is dropped: the SDK does not queue it again). */
  exportFailed(error: unknown): void {
    const reason = reasonOf(error);
    this.warn(`export:${reason}`, 'Trace export failed: spans dropped', { reason });
  }

  /** The flush at shutdown failed or ran out of time; logged whatever was logged before, once. */
  flushFailed(error: unknown): void {
    this.write({ reason: reasonOf(error) }, 'Traces not flushed at shutdown: spans dropped');
  }

  private warn(kind: string, message: string, fields: object = {}): void {
    const now = Date.now();
    const last = this.lastLogged.get(kind);
    if (last !== undefined && now - last < QUIET_MS) {
      this.suppressed.set(kind, (this.suppressed.get(kind) ?? 0) + 1);
      return;
    }
    this.lastLogged.set(kind, now);
    const repeats = this.suppressed.get(kind) ?? 0;
    this.suppressed.delete(kind);
    this.write(repeats > 0 ? { ...fields, repeatsSinceLastLine: repeats } : fields, message);
  }

  private write(fields: object, message: string): void {
    const line = { context: 'Tracing', ...fields };
    // Outside any request's trace: an export runs on a timer started under whichever request ended a span last,
    // and that request's trace ids on this line would point at a trace it has nothing to do with.
    if (this.sink) context.with(ROOT_CONTEXT, () => this.sink!.warn(line, message));
    else if (this.pending.length < PENDING_MAX) this.pending.push([line, message]);
  }
}

/** Known, fixed texts of the exporter and batch processor, and what they mean. */
const KNOWN: Record<string, string> = {
  Timeout: 'timeout',
  'Request timed out': 'timeout',
  'Traces flush timed out': 'timeout',
  'Export failed with retryable status': 'retryable-status',
  'Concurrent export limit reached': 'too-many-exports',
};

/** A reason from a fixed vocabulary: an HTTP status, a system error code, or a known kind; never free text. */
export function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code < 600) return `http-${code}`;
  if (typeof code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(code)) return code;
  return (typeof message === 'string' && KNOWN[message]) || 'unknown';
}
