import { inflateSync } from 'node:zlib';
import { ByteReader, MalformedToken } from './byte-reader.js';
import { SERVICE_FORMATS, type DecodedService } from './token-services.js';

/**
 * A token's content, read without any certificate. Times are Unix seconds. AccessToken2 (`007`)
 * stores lifetimes in seconds after `issuedAt`; the legacy AccessToken (`006`) stores absolute
 * times and no issue time. A privilege stored as 0 has no limit of its own.
 */
export interface DecodedToken {
  format: '006' | '007';
  appId: string;
  issuedAt: number | null;
  expiresAt: number;
  services: DecodedService[];
  /** Privilege expiry times (Unix seconds, null for none) by service, in `services` order. */
  privilegeExpiries: Map<number, number | null>[];
  /** A `006` token's CRC32 checksums of the channel name and uid it signs (it holds nothing else of them). */
  legacyChecksums?: { channel: number; uid: number };
}

const APP_ID = /^[0-9a-fA-F]{32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** No real token inflates to more: a bound against a deflate bomb. */
const MAX_INFLATED_BYTES = 64 * 1024;
/** Legacy privilege ids: RTC's four, and RTM login. */
const LEGACY_RTC = { 1: 'joinChannel', 2: 'publishAudio', 3: 'publishVideo', 4: 'publishData' } as const;
const LEGACY_RTM_LOGIN = 1000;

/** Reads a `006` or `007` token; throws MalformedToken (saying why, never quoting it) for anything else. */
export function decodeToken(token: string): DecodedToken {
  try {
    if (token.startsWith('007')) return decode007(token.slice(3));
    if (token.startsWith('006')) return decode006(token.slice(3));
  } catch (error) {
    if (error instanceof MalformedToken) throw error;
    throw new MalformedToken('the token is not valid base64 and deflate data');
  }
  throw new MalformedToken('a token starts with 006 (AccessToken) or 007 (AccessToken2)');
}

function base64(text: string): Buffer {
  if (!BASE64.test(text)) throw new MalformedToken('the token is not valid base64 after its version');
  return Buffer.from(text, 'base64');
}

function appId(text: string): string {
  if (!APP_ID.test(text)) throw new MalformedToken('the token does not hold a 32-character hexadecimal App ID');
  return text.toLowerCase();
}

function decode007(body: string): DecodedToken {
  const reader = new ByteReader(inflate(base64(body)));
  reader.bytesField(); // signature
  const id = appId(reader.string());
  const issuedAt = reader.uint32();
  const expire = reader.uint32();
  reader.uint32(); // salt
  const services: DecodedService[] = [];
  for (let count = reader.uint16(); count > 0; count--) {
    const type = reader.uint16();
    const format = SERVICE_FORMATS.get(type);
    // A service agora-token does not know has fields of unknown length: nothing after it can be read.
    if (!format) throw new MalformedToken(`the token holds service type ${type}, which this service does not know`);
    const service: DecodedService = { kind: format.kind, privileges: reader.uint32Map() };
    format.fields(reader, service);
    services.push(service);
  }
  reader.end();
  const relative = (seconds: number) => (seconds === 0 ? null : issuedAt + seconds);
  return {
    format: '007',
    appId: id,
    issuedAt,
    expiresAt: issuedAt + expire,
    services,
    privilegeExpiries: services.map(({ privileges }) => mapValues(privileges, relative)),
  };
}

/**
 * The deflated content, refusing bytes after the deflate stream (zlib would ignore them). Node's documented
 * `info` option returns the engine, whose `bytesWritten` is the input it consumed; @types/node lacks the overload.
 */
function inflate(compressed: Buffer): Buffer {
  const result = inflateSync(compressed, { info: true, maxOutputLength: MAX_INFLATED_BYTES }) as unknown as {
    buffer: Buffer;
    engine: { bytesWritten: number };
  };
  if (result.engine.bytesWritten !== compressed.length) throw new MalformedToken('the token has bytes after its compressed content');
  return result.buffer;
}

function decode006(body: string): DecodedToken {
  const id = appId(body.slice(0, 32));
  const content = new ByteReader(base64(body.slice(32)));
  content.bytesField(); // signature
  // CRC32 of the channel name and of the uid: the names themselves are not in the token.
  const legacyChecksums = { channel: content.uint32(), uid: content.uint32() };
  const message = new ByteReader(content.bytesField());
  content.end();
  message.uint32(); // salt
  const expiresAt = message.uint32();
  const privileges = message.uint32Map();
  message.end();
  const services: DecodedService[] = [];
  const rtc = new Map([...privileges].filter(([id]) => id in LEGACY_RTC));
  if (rtc.size > 0) services.push({ kind: 'rtc', privileges: rtc });
  if (privileges.has(LEGACY_RTM_LOGIN)) services.push({ kind: 'rtm', privileges: new Map([[1, privileges.get(LEGACY_RTM_LOGIN)!]]) });
  const absolute = (at: number) => (at === 0 ? null : at);
  return {
    format: '006',
    appId: id,
    issuedAt: null,
    expiresAt,
    services,
    privilegeExpiries: services.map((service) => mapValues(service.privileges, absolute)),
    legacyChecksums,
  };
}

function mapValues<V>(map: Map<number, number>, fn: (value: number) => V): Map<number, V> {
  return new Map([...map].map(([key, value]) => [key, fn(value)]));
}
