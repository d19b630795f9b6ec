import { createHmac, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

const PRIVILEGES: Record<string, string> = { 1: 'joinChannel', 2: 'publishAudio', 3: 'publishVideo', 4: 'publishData', 1000: 'rtmLogin' };

export interface DecodedToken006 {
  appId: string;
  salt: number;
  /** The token's own timestamp (agora-token puts it 24 hours after the issue time). */
  ts: number;
  /** Each privilege's expiry as a Unix timestamp in seconds, by name. */
  privileges: Record<string, number>;
  /**
   * Whether the token is for this channel and uid (for an RTM token: the user id and '') and its signature
   * verifies with this certificate. A 006 token holds only CRCs of its channel and uid, so they are asked for.
   */
  signs(appCertificate: string, channel: string, uid: string): boolean;
}

/**
 * Parses a legacy AccessToken (006) by its layout: "006", the 32-character App ID, then base64 of
 * signature (uint16-length bytes), crc32(channel), crc32(uid) (uint32 LE), and the message (uint16-length
 * bytes: salt, ts, then uint16 count of uint16 privilege → uint32 expiry timestamp). The signature is
 * HMAC-SHA256(certificate, appId + channel + uid + message). agora-token's own parser (AccessToken.fromString)
 * neither verifies nor names the privileges, and logs its errors; this one throws.
 */
export function decodeToken006(token: string): DecodedToken006 {
  if (!token.startsWith('006') || token.length < 35) throw new Error('not a 006 token');
  const appId = token.slice(3, 35);
  const reader = new Reader(Buffer.from(token.slice(35), 'base64'));
  const signature = reader.bytes();
  const crcChannel = reader.uint32();
  const crcUid = reader.uint32();
  const message = reader.bytes();
  reader.end();
  const body = new Reader(message);
  const salt = body.uint32();
  const ts = body.uint32();
  const privileges: Record<string, number> = {};
  for (let count = body.uint16(); count > 0; count--) {
    const key = body.uint16();
    privileges[PRIVILEGES[key] ?? `unknown:${key}`] = body.uint32();
  }
  body.end();
  return {
    appId,
    salt,
    ts,
    privileges,
    signs(appCertificate, channel, uid) {
      if (crc32(channel) !== crcChannel || crc32(uid) !== crcUid) return false;
      const expected = createHmac('sha256', appCertificate).update(Buffer.concat([Buffer.from(appId + channel + uid), message])).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    },
  };
}

class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  uint16(): number {
    return this.advance(2, this.buffer.readUInt16LE(this.at));
  }
  uint32(): number {
    return this.advance(4, this.buffer.readUInt32LE(this.at));
  }
  bytes(): Buffer {
    const length = this.uint16();
    if (this.at + length > this.buffer.length) throw new Error('006 token truncated');
    return this.advance(length, this.buffer.subarray(this.at, this.at + length));
  }
  end(): void {
    if (this.at !== this.buffer.length) throw new Error('006 token has trailing bytes');
  }
  private advance<T>(by: number, value: T): T {
    this.at += by;
    return value;
  }
}
