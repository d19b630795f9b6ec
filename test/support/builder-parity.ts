import { AccessToken2 } from 'agora-token/src/AccessToken2.js';

/** A token's content, apart from its salt and issue time: what two tokens for the same grant share. */
export interface TokenContent {
  appId: string;
  /** Seconds from the issue time. */
  expire: number;
  /** Each service as agora-token packs it (type, privileges with their lifetimes, channel, users), hex. */
  services: string[];
}

/**
 * The content of a token, read with agora-token's own parser: compare ours with the token an
 * agora-token builder makes from the same inputs, byte for byte in every service, whatever the service.
 */
export function contentOf(token: string): TokenContent {
  const parsed = new AccessToken2();
  if (!parsed.from_string(token)) throw new Error('not an AccessToken2 token');
  return {
    appId: parsed.appId.toString(),
    expire: parsed.expire,
    services: parsed.services.map((service) => service.pack().toString('hex')),
  };
}

/** The service types a token carries, in order (1 RTC, 2 RTM, 9 ConvoAI, 10 STT…). */
export function serviceTypesOf(token: string): number[] {
  const parsed = new AccessToken2();
  if (!parsed.from_string(token)) throw new Error('not an AccessToken2 token');
  return parsed.services.map((service) => service.service_type());
}
