import { AccessToken2 } from 'agora-token/src/AccessToken2.js';

/** A token's content as agora-token parses it, less what differs between two signings of the same content. */
export interface TokenContent {
  appId: string;
  /** Seconds from the issue time. */
  expire: number;
  /** Each service in token order: its type, privileges and own fields (names as agora-token keeps them, bytes as text). */
  services: Array<Record<string, unknown>>;
}

/**
 * Parses any AccessToken2 with agora-token's own parser, so that a token this service signs can be
 * compared whole with the one agora-token's builder makes from the same inputs (salt, issue time and
 * signature differ between any two tokens, and are left out).
 */
export function tokenContent(token: string): TokenContent {
  const parsed = new AccessToken2();
  if (!parsed.from_string(token)) throw new Error('not an AccessToken2 token');
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString() : value);
  return {
    appId: String(text(parsed.appId)),
    expire: parsed.expire,
    services: parsed.services.map((service) => Object.fromEntries(Object.entries(service).map(([key, value]) => [key, text(value)]))),
  };
}
