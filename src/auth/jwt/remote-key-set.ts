import type { Logger } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { JwksUnavailable } from '../auth-failure.exception.js';

/** The JWKS at JWT_JWKS_URL, as jose fetches and caches it, and what the verifier needs to know about it. */
export interface RemoteKeySet {
  /** Finds the key for a token (jose's resolver); throws JwksUnavailable when the JWKS cannot be read. */
  readonly getKey: JWTVerifyGetKey;
  /**
   * Whether jose's copy of the key set is within its 10-minute cache age. Past it, jose refetches on the next
   * key lookup: a token remembered as verified must go through one, or a key removed since would go unnoticed.
   */
  readonly fresh: boolean;
}

/**
 * jose's remote JWKS (keys cached 10 minutes, refetched at most every 30 s when a token names an unknown key),
 * with two things told where they happen: failures to read the JWKS, apart from a token naming no known key
 * (logged once when the JWKS goes down, with the cause, and once when it is back, not per request); and a
 * refetch that brought a different key set, for which `onKeysChanged` is called (tokens verified with a key
 * that may be gone must be verified again).
 */
export function remoteKeySet(url: URL, logger: Logger, onKeysChanged: () => void): RemoteKeySet {
  let published: string | undefined;
  // A fetched key set is compared before jose puts it in use, so no remembered token outlives its key by the
  // moments jose takes to import the new keys; then again once it is in use (below), which also drops what was
  // remembered in between.
  const fetchKeys = async (input: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (response.ok && published !== undefined) {
      const keys = await response.clone().json().then(keySetOf, () => undefined);
      if (keys !== undefined && keys !== published) onKeysChanged();
    }
    return response;
  };
  const remote = createRemoteJWKSet(url, { timeoutDuration: 5000, [customFetch]: fetchKeys });
  let down = false;
  // jose refetches only when its copy is older than its 30 s cooldown, and a refetch makes it younger: a lookup
  // that began outside the cooldown and ends inside it saw a refetch (its own or a concurrent one). Reading the
  // keys (jose hands out a copy) only then keeps the comparison off every other lookup.
  const noticeRefetch = () => {
    const keys = keySetOf(remote.jwks());
    if (published !== undefined && keys !== published) onKeysChanged();
    published = keys;
  };
  const getKey: JWTVerifyGetKey = async (header, token) => {
    const mayRefetch = !remote.coolingDown;
    try {
      const key = await remote(header, token);
      if (down) logger.log('The JWKS at JWT_JWKS_URL answers again: JWTs are verified.');
      down = false;
      return key;
    } catch (error) {
      if (isKeyMismatch(error)) throw error;
      if (!down) {
        const cause = error instanceof Error ? error.message : String(error);
        logger.warn(`The JWKS at JWT_JWKS_URL could not be read (${cause}): JWTs cannot be verified.`);
      }
      down = true;
      throw new JwksUnavailable();
    } finally {
      if (mayRefetch && remote.coolingDown) noticeRefetch();
    }
  };
  return {
    getKey,
    get fresh() {
      return remote.fresh;
    },
  };
}

/**
 * A key set in a form that ignores the order of its keys and of their fields, so an identity provider that
 * reorders its JWKS does not empty the cache at every refetch.
 */
function keySetOf(jwks: unknown): string {
  const keys: unknown = (jwks as Partial<JSONWebKeySet> | undefined)?.keys;
  if (!Array.isArray(keys)) return '[]';
  return JSON.stringify(keys.map((key) => JSON.stringify(key, Object.keys(Object(key)).sort())).sort());
}

/**
 * The JWKS answered but holds no key for this token. Anything else (timeout,
 * network error, non-200 or malformed answer) means it could not be read.
 */
function isKeyMismatch(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  );
}
