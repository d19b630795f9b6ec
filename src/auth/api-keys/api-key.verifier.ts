import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { hash, timingSafeEqual } from 'node:crypto';
import { authConfig } from '../auth.config.js';
import type { ApiKeyCaller } from '../caller.interface.js';

type KeyRecord = ConfigType<typeof authConfig>['apiKeys'][number];

/**
 * Recognises API keys by the SHA-256 digest the keys file stores, looked up in a map: one lookup whatever the
 * number of keys (10,000 keys used to mean 10,000 comparisons a request). A lookup's timing can depend only on
 * how the digest of what the caller sent compares with the stored digests, never on the keys themselves: learning
 * a key from it would mean inverting SHA-256. The match is then confirmed in constant time. Digests are unique (the
 * keys file refuses a repeat), and the keys file is read once, at start-up, so the map is built once.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly byDigest: ReadonlyMap<string, KeyRecord>;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.byDigest = new Map(config.apiKeys.map((record) => [record.digest.toString('base64'), record]));
  }

  /** The caller holding `key`, or undefined when no configured key matches. */
  verify(key: string): ApiKeyCaller | undefined {
    const digest = hash('sha256', key, 'buffer');
    const record = this.byDigest.get(digest.toString('base64'));
    if (record === undefined || !timingSafeEqual(digest, record.digest)) return undefined;
    return { kind: 'apikey', id: record.id, policy: record.policy };
  }
}
