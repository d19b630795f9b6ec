// The ceiling: a bare Fastify route with a JSON-schema body that calls agora-token
// directly. No framework above Fastify, no request logs.
import Fastify from 'fastify';
import agoraToken from 'agora-token';

const { RtcTokenBuilder, RtcRole } = agoraToken;
const { APP_ID, APP_CERTIFICATE, PORT = '0' } = process.env;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['channel'],
  properties: {
    channel: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-zA-Z0-9 !#$%&()+\\-:;<=.>?@[\\]^_{|}~,]+$' },
    uid: { type: 'integer', minimum: 0, maximum: 4294967295 },
    role: { type: 'string', enum: ['publisher', 'subscriber'] },
    expireSeconds: { type: 'integer', minimum: 1, maximum: 86400 },
  },
};

const app = Fastify({ logger: false });
app.post('/v1/rtc/token', { schema: { body } }, async (request) => {
  const { channel, uid = 0, role = 'subscriber', expireSeconds = 3600 } = request.body;
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = RtcTokenBuilder.buildTokenWithUid(
    APP_ID, APP_CERTIFICATE, channel, uid,
    role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER, expireSeconds, expireSeconds,
  );
  return {
    token, appId: APP_ID, issuedAt: new Date(issuedAt * 1000), expiresAt: new Date((issuedAt + expireSeconds) * 1000),
    expireSeconds, channel, uid, role,
  };
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
