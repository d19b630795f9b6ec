// What the Node tutorials build: an Express route with express.json() and hand
// checks, calling agora-token directly.
import express from 'express';
import agoraToken from 'agora-token';

const { RtcTokenBuilder, RtcRole } = agoraToken;
const { APP_ID, APP_CERTIFICATE, PORT = '0' } = process.env;

const app = express();
app.use(express.json());
app.post('/v1/rtc/token', (req, res) => {
  const { channel, uid = 0, role = 'subscriber', expireSeconds = 3600 } = req.body ?? {};
  if (typeof channel !== 'string' || channel.length < 1 || channel.length > 63) {
    return res.status(400).json({ error: 'channel is required' });
  }
  if (!Number.isInteger(uid) || uid < 0 || uid > 4294967295) return res.status(400).json({ error: 'bad uid' });
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = RtcTokenBuilder.buildTokenWithUid(
    APP_ID, APP_CERTIFICATE, channel, uid,
    role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER, expireSeconds, expireSeconds,
  );
  res.json({
    token, appId: APP_ID, issuedAt: new Date(issuedAt * 1000), expiresAt: new Date((issuedAt + expireSeconds) * 1000),
    expireSeconds, channel, uid, role,
  });
});
app.listen(Number(PORT), '127.0.0.1');
