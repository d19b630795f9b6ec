// What every benchmark target does for POST /v1/rtc/token once the request is accepted: the same
// agora-token call and the same response fields as the service, so that targets differ only in
// what surrounds it.
import agoraToken from 'agora-token';

const { RtcTokenBuilder, RtcRole } = agoraToken;
const { APP_ID, APP_CERTIFICATE } = process.env;

/** The request body as JSON schema, for the Fastify targets. */
export const RTC_BODY_SCHEMA = {
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

/** Signs the token for a validated body and answers the service's response fields. */
export function issueRtcToken({ channel, uid = 0, role = 'subscriber', expireSeconds = 3600 }) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = RtcTokenBuilder.buildTokenWithUid(
    APP_ID, APP_CERTIFICATE, channel, uid,
    role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER, expireSeconds, expireSeconds,
  );
  return {
    token, appId: APP_ID, issuedAt: new Date(issuedAt * 1000), expiresAt: new Date((issuedAt + expireSeconds) * 1000),
    expireSeconds, channel, uid, role,
  };
}
