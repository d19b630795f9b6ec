// A reference, not a baseline of the issue: the bare Fastify route of fastify-bare.mjs plus, written by
// hand in the leanest way Fastify allows, the per-request work the service's benchmark run does. It
// shows what those features cost by themselves, apart from Nest and from the service's own code:
//   - X-API-Key: SHA-256 of the key, a Map lookup, a per-key counter and the three X-RateLimit-* headers;
//   - a request id (X-Request-Id or a random UUID), echoed in the response;
//   - the same static security headers and CORS (@fastify/cors, origin *);
//   - one pino line per request with the service's fields, to stdout, buffered as the service's are;
//   - prom-client metrics: a duration histogram by route and status, and a tokens-issued counter.
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { Counter, Histogram } from 'prom-client';
import { issueRtcToken, RTC_BODY_SCHEMA } from './rtc-token.mjs';

const { API_KEYS_FILE, PORT = '0' } = process.env;
const LIMIT = Number(process.env.RATE_LIMIT_PER_MINUTE);
const keys = new Map(JSON.parse(readFileSync(API_KEYS_FILE, 'utf8')).map((key) => [key.sha256, key.id]));
const counts = new Map();

// The service's headers on a token response, as they are sent.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
    "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'cache-control': 'no-store',
};
// The service's logging settings (src/common/logging/stdout-destination.ts, LOG_SYNC unset): lines gathered to
// 4 KiB, then written asynchronously; at most a second's wait when quiet.
const lines = pino(
  { level: 'info', formatters: { level: (label) => ({ level: label }) } },
  pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }),
);
const durations = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer HTTP requests.',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});
const issued = new Counter({ name: 'agora_tokens_issued_total', help: 'Tokens issued.', labelNames: ['kind'] });

const app = Fastify({ logger: false, genReqId: (request) => request.headers['x-request-id'] ?? randomUUID() });
await app.register(cors, { origin: '*', exposedHeaders: ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] });
app.addHook('onRequest', (request, reply, done) => {
  reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
  done();
});
app.addHook('onResponse', (request, reply, done) => {
  const route = request.routeOptions.url;
  durations.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
  lines.info(
    {
      requestId: request.id,
      method: request.method,
      route,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      caller: request.caller && { kind: 'apikey', id: request.caller },
      issued: request.issued,
    },
    'request completed',
  );
  done();
});

app.post('/v1/rtc/token', { schema: { body: RTC_BODY_SCHEMA } }, async (request, reply) => {
  const key = request.headers['x-api-key'];
  const caller = typeof key === 'string' && keys.get(createHash('sha256').update(key).digest('hex'));
  if (!caller) return reply.code(401).send({ title: 'Unauthorized', status: 401 });
  const used = (counts.get(caller) ?? 0) + 1;
  counts.set(caller, used);
  reply.headers({ 'x-ratelimit-limit': LIMIT, 'x-ratelimit-remaining': Math.max(0, LIMIT - used), 'x-ratelimit-reset': 60 });
  request.caller = caller;

  issued.inc({ kind: 'rtc' });
  request.issued = [{ kind: 'rtc', channel: request.body.channel, user: request.body.uid ?? 0 }];
  return issueRtcToken(request.body);
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
