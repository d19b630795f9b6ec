import { jest } from '@jest/globals';
import { reasonOf, TracingWarnings } from './tracing-warnings.js';

const ENDPOINT = 'https://tracer:url-secret@collector.example:4318/v1/traces';

/** The warnings, written to a sink the spec reads. */
function warningsTo(): { warnings: TracingWarnings; lines: [object, string][] } {
  const lines: [object, string][] = [];
  const warnings = new TracingWarnings();
  warnings.attach({ warn: (fields, message) => void lines.push([fields, message]) });
  return { warnings, lines };
}

describe('TracingWarnings', () => {
  afterEach(() => jest.useRealTimers());

  it('names a failure by status, system code or known kind, never by its text', () => {
    expect(reasonOf(Object.assign(new Error('Unauthorized'), { code: 401, data: ENDPOINT }))).toBe('http-401');
    expect(reasonOf(Object.assign(new Error(`connect ECONNREFUSED ${ENDPOINT}`), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(reasonOf(new Error('Timeout'))).toBe('timeout');
    expect(reasonOf(new Error('Export failed with retryable status'))).toBe('retryable-status');
    for (const unknown of [new Error(ENDPOINT), ENDPOINT, { code: ENDPOINT }, { code: 99 }, undefined]) expect(reasonOf(unknown)).toBe('unknown');
  });

  it('writes one line per reason a minute, then counts the ones it held back', () => {
    jest.useFakeTimers({ now: 0 });
    const { warnings, lines } = warningsTo();
    for (let i = 0; i < 5; i++) warnings.exportFailed({ code: 503 });
    warnings.exportFailed({ code: 'ECONNREFUSED' });
    jest.setSystemTime(60_000);
    warnings.exportFailed({ code: 503 });
    expect(lines).toEqual([
      [{ context: 'Tracing', reason: 'http-503' }, 'Trace export failed: spans dropped'],
      [{ context: 'Tracing', reason: 'ECONNREFUSED' }, 'Trace export failed: spans dropped'],
      [{ context: 'Tracing', reason: 'http-503', repeatsSinceLastLine: 4 }, 'Trace export failed: spans dropped'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('keeps the lines written before the logger exists, and always writes the shutdown line', () => {
    const warnings = new TracingWarnings();
    warnings.exportFailed({ code: 401 });
    const lines: string[] = [];
    warnings.attach({ warn: (_fields, message) => void lines.push(message) });
    warnings.exportFailed({ code: 401 });
    warnings.flushFailed(new Error('Traces flush timed out'));
    expect(lines).toEqual(['Trace export failed: spans dropped', 'Traces not flushed at shutdown: spans dropped']);
  });
});
