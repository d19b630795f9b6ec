import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { hash, timingSafeEqual } from 'node:crypto';
import { authConfig } from '../auth.config.js';
import type { ApiKeyCaller } from '../caller.interface.js';

/**
 * Recognises API keys by the SHA-256 digest the keys file stores. Every
 * configured digest is compared, in constant time, whatever matches, so the
 * time taken says nothing about which key (if any) came close. Digests are
 * unique (the keys file refuses a repeat), so at most one matches.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(@Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>) {}

  /** The caller holding `key`, or undefined when no configured key matches. */
  verify(key: string): ApiKeyCaller | undefined {
    const digest = hash('sha256', key, 'buffer');
    let found: ApiKeyCaller | undefined;
    for (const record of this.config.apiKeys) {
      if (timingSafeEqual(digest, record.digest)) {
        found = { kind: 'apikey', id: record.id, policy: record.policy };
      }
    }
    return found;
  }
}
