import fc from 'fast-check';
import { pino } from 'pino';
import { secretsFoundIn } from '../../../test/support/secret-encodings.js';
import { serializeError } from './error.serializer.js';

/** An error as Node's HTTP parser raises it: the raw request on `rawPacket`. */
function parseError(rawRequest: string): Error {
  return Object.assign(new Error('Parse Error: Duplicate Content-Length'), {
    code: 'HPE_UNEXPECTED_CONTENT_LENGTH',
    rawPacket: Buffer.from(rawRequest),
  });
}

describe('serializeError', () => {
  function logged(err: Error): Record<string, unknown> {
    const lines: string[] = [];
    const logger = pino({ serializers: { err: serializeError } }, { write: (line: string) => void lines.push(line) });
    logger.error({ err }, 'failed');
    return JSON.parse(lines[0]) as Record<string, unknown>;
  }

  it('logs an error without the raw request bytes, wherever pino finds them, and keeps the rest', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+/=.-]{16,64}$/), (secret) => {
        const raw = `POST /v1/rtc/token HTTP/1.1\r\nX-API-Key: ${secret}\r\n\r\n`;
        const wrapped = Object.assign(new Error('outer'), { inner: parseError(raw) });
        const aggregate = new AggregateError([parseError(raw), wrapped], 'several');

        for (const err of [parseError(raw), wrapped, aggregate]) {
          const line = logged(err);
          expect(secretsFoundIn(JSON.stringify(line), { secret })).toEqual([]);
          expect(JSON.stringify(line)).not.toContain('rawPacket');
        }
        expect(logged(parseError(raw)).err).toMatchObject({
          type: 'Error',
          code: 'HPE_UNEXPECTED_CONTENT_LENGTH',
          message: expect.stringContaining('Duplicate'),
        });
        expect(logged(wrapped).err).toMatchObject({ message: 'outer', inner: { code: 'HPE_UNEXPECTED_CONTENT_LENGTH' } });
      }),
      { numRuns: 30 },
    );
  });

  it('leaves the logged error itself untouched', () => {
    const err = parseError('GET / HTTP/1.1\r\n\r\n');
    logged(err);

    expect(Buffer.isBuffer((err as Error & { rawPacket?: unknown }).rawPacket)).toBe(true);
  });
});
