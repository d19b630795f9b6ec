/** Agora's limit on a converter's `rtmpUrl`. */
export const RTMP_URL_MAX_LENGTH = 1024;
/** Printable ASCII, no spaces: a URL as it is sent (anything else must be percent-encoded). */
const URL_CHARACTERS = /^[!-~]+$/;
/** What a URL shows in place of its stream key. */
export const HIDDEN_KEY = '***';

/** What a valid push URL must be, for problems (never echoing the value, which holds the stream key). */
export const RTMP_URL_RULE = `$property must be an rtmp:// or rtmps:// URL with a host and a path (the stream key), at most ${RTMP_URL_MAX_LENGTH} characters`;

/**
 * Whether `value` is a URL Agora can push to: `rtmp://` or `rtmps://`, a host, a path holding at least the stream
 * key, printable ASCII only, at most 1024 characters (Agora's limit).
 */
export function isRtmpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > RTMP_URL_MAX_LENGTH || !URL_CHARACTERS.test(value)) return false;
  if (!/^rtmps?:\/\//.test(value)) return false;
  const url = parse(value);
  return url !== undefined && url.hostname !== '' && segments(url).length > 0;
}

/**
 * A push URL as answers show it: scheme, host and the path without its last segment, then `***`
 * (`rtmp://live.example.com/app/***`). The stream key is the last path segment for every CDN we know (YouTube,
 * Twitch, Facebook…); some put a signature in the query or credentials before the host, so both are dropped too.
 *
 * @example
 * withoutStreamKey('rtmps://a.rtmp.youtube.com:443/live2/abcd-efgh?x=1'); // "rtmps://a.rtmp.youtube.com:443/live2/***"
 */
export function withoutStreamKey(value: string): string {
  const url = parse(value);
  if (url === undefined || url.hostname === '') return `rtmp://${HIDDEN_KEY}`;
  const kept = segments(url).slice(0, -1);
  return `${url.protocol}//${url.host}/${[...kept, HIDDEN_KEY].join('/')}`;
}

/**
 * The fork's two fields as one URL: `streamUrl` then `streamKey`, with one `/` between them (the fork concatenated
 * them as they were, so a server URL without its trailing slash glued the key onto the application name).
 */
export function joinStreamKey(streamUrl: string, streamKey: string): string {
  return streamUrl.endsWith('/') || streamKey.startsWith('/') ? `${streamUrl}${streamKey}` : `${streamUrl}/${streamKey}`;
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function segments(url: URL): string[] {
  return url.pathname.split('/').filter((segment) => segment !== '');
}
