/**
 * What Fastify's pino logger censors, at every level: credentials callers send
 * (API keys, JWTs, cookies) and anything shaped like a token or the App
 * Certificate, should a log call ever be handed one. pino matches these paths
 * on every object it serialises; each `*` stands for one level.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body',
  'res.body',
  ...['token', 'rtcToken', 'rtmToken', 'chatToken', 'appCertificate', 'apiKey', 'authorization'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];

/** The pino `redact` option. */
export const LOG_REDACTION: { paths: string[]; censor: string } = { paths: REDACT_PATHS, censor: '[redacted]' };
