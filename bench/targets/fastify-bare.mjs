// The ceiling: a bare Fastify route with a JSON-schema body that calls agora-token
// directly. No framework above Fastify, no request logs.
import Fastify from 'fastify';
import { issueRtcToken, RTC_BODY_SCHEMA } from './rtc-token.mjs';

const app = Fastify({ logger: false });
app.post('/v1/rtc/token', { schema: { body: RTC_BODY_SCHEMA } }, async (request) => issueRtcToken(request.body));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
