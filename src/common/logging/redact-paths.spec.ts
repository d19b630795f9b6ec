import { Writable } from 'node:stream';
import { fastify, type FastifyBaseLogger } from 'fastify';
import { LOG_REDACTION } from './redact-paths.js';

describe('LOG_REDACTION', () => {
  /**
   * Logs through a Fastify logger configured as app.factory.ts configures it, with a request
   * serializer that keeps the headers (Fastify's default drops them) so the redaction itself is tested.
   */
  function capture(log: (logger: FastifyBaseLogger) => void): string {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const serializers = { req: (req: { headers?: unknown }) => ({ headers: req.headers }) };
    log(fastify({ logger: { level: 'trace', redact: LOG_REDACTION, serializers, stream } }).log);
    return out;
  }

  it('censors credential headers in request logs, at debug level too', () => {
    const out = capture((logger) =>
      logger.debug({
        req: { headers: { authorization: 'Bearer eyJ.secret.jwt', 'x-api-key': 'key-secret', cookie: 's=cookie-secret' } },
      }),
    );

    expect(out).toContain('[redacted]');
    for (const secret of ['eyJ.secret.jwt', 'key-secret', 'cookie-secret']) expect(out).not.toContain(secret);
  });

  it('censors tokens and the certificate wherever a log call carries them', () => {
    const out = capture((logger) => {
      logger.trace({ token: '007token-top', appCertificate: 'cert-top' });
      logger.info({ issued: { token: '007token-nested', rtcToken: '007rtc', chatToken: '007chat' } });
      logger.warn({ res: { body: { token: '007token-body' } } });
    });

    for (const secret of ['007token-top', 'cert-top', '007token-nested', '007rtc', '007chat', '007token-body']) {
      expect(out).not.toContain(secret);
    }
  });
});
