import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Agora's limit on a stream URL, in bytes. */
export const STREAM_URL_MAX_BYTES = 1024;
/** The protocols Agora's cloud player pulls (its documentation: RTMP, HTTP and HTTPS; images over HTTP(S)). */
export const STREAM_URL_PROTOCOLS = ['rtmp', 'http', 'https'] as const;
/**
 * The schema pattern of a stream URL: a documented protocol (any case), then printable ASCII only (a URL
 * percent-encodes anything else), so its length in characters is its length in bytes.
 */
export const STREAM_URL_PATTERN = '^([Rr][Tt][Mm][Pp]|[Hh][Tt][Tt][Pp][Ss]?)://[!-~]+$';
const SHAPE = new RegExp(STREAM_URL_PATTERN);

/** Whether `value` is a stream URL Agora's cloud player can pull: a documented protocol, a host, within 1024 bytes. */
export function isStreamUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value) || value.length > STREAM_URL_MAX_BYTES) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A stream URL field. Its message never repeats the value: a stream URL may carry credentials (`rtmp://user:pass@…`,
 * a signed query), so a refusal must not echo them back or into a log.
 */
export function IsStreamUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStreamUrl',
      validator: {
        validate: (value) => isStreamUrl(value),
        defaultMessage: (args) =>
          `${args?.property} must be an ${STREAM_URL_PROTOCOLS.map((protocol) => `${protocol}://`).join(', ')} URL with a host, of at most ${STREAM_URL_MAX_BYTES} printable ASCII characters (percent-encode any other)`,
      },
    },
    options,
  );
}
