// What the Node tutorials build: an Express route with express.json() and hand
// checks, calling agora-token directly.
import express from 'express';
import { issueRtcToken } from './rtc-token.mjs';

const app = express();
app.use(express.json());
app.post('/v1/rtc/token', (req, res) => {
  const { channel, uid = 0 } = req.body ?? {};
  if (typeof channel !== 'string' || channel.length < 1 || channel.length > 63) {
    return res.status(400).json({ error: 'channel is required' });
  }
  if (!Number.isInteger(uid) || uid < 0 || uid > 4294967295) return res.status(400).json({ error: 'bad uid' });
  res.json(issueRtcToken(req.body));
});
app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
