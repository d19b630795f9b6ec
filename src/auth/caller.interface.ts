import type { PolicyKind } from './authorization/kind-policy.js';
import type { RtcRole } from '../agora/rtc-role.enum.js';

/** What an API key may get. Each field is optional: absent means no limit. */
export interface ApiKeyPolicy {
  /** Token kinds the key may get. */
  readonly kinds?: readonly PolicyKind[];
  /** Channel globs (`team-*`): the RTC channel, or the RTM stream channel, must match one. */
  readonly channels?: readonly string[];
  /** RTC roles the key may get; a privileges request counts as publisher when it grants any publish privilege. */
  readonly roles?: readonly RtcRole[];
  /** The longest lifetime, in seconds, of the token and of each privilege in it. */
  readonly maxExpireSeconds?: number;
  /** Project name globs (`eu-*`): the project a token is signed for, or a token inspected belongs to, must match one. */
  readonly projects?: readonly string[];
  /**
   * Whose cloud recordings the key may query, change and stop: `own` (the default: those it started) or `any`
   * (an operator's or support tool's key: any recording of the projects and channels it may use).
   */
  readonly recordings?: 'own' | 'any';
  /**
   * The same for the other Agora services the app fronts (transcriptions, media push converters, media pull players,
   * stream keys): `own` (the default) or `any`.
   */
  readonly resources?: 'own' | 'any';
}

/** Nobody authenticated (AUTH_MODE=none): known only by the client address. */
export interface AnonymousCaller {
  readonly kind: 'anonymous';
  /** The client IP address. */
  readonly id: string;
}

/** A server-side caller holding one of the API keys in API_KEYS_FILE. */
export interface ApiKeyCaller {
  readonly kind: 'apikey';
  /** The key's `id` from the keys file (never the key itself). */
  readonly id: string;
  readonly policy: ApiKeyPolicy;
}

/** An end user holding a verified JWT: every token is bound to this identity. */
export interface JwtCaller {
  readonly kind: 'jwt';
  /** The identity: the JWT_IDENTITY_CLAIM claim (`sub` by default). */
  readonly id: string;
  /** Channel globs from JWT_CHANNELS_CLAIM, when that variable is set (empty when the claim is absent). */
  readonly channels?: readonly string[];
  /** Project name globs from JWT_PROJECTS_CLAIM, when that variable is set (empty when the claim is absent). */
  readonly projects?: readonly string[];
  /** The Agora services (such as `recording`) JWT_SERVICES_CLAIM grants, when that variable is set (empty when the claim is absent). */
  readonly services?: readonly string[];
}

/**
 * Who is asking for a token. The global guard establishes it for every token
 * route; controllers hand it to the TokenIssuer, which authorizes with it.
 */
export type Caller = AnonymousCaller | ApiKeyCaller | JwtCaller;
