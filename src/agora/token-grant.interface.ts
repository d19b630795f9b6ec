import type { TOKEN_SUMMARY, TokenSummary } from './token-summary.js';

/** RTC privileges, each valid for a number of seconds from the issue time. */
export interface RtcPrivileges {
  joinChannel: number;
  publishAudio?: number;
  publishVideo?: number;
  publishData?: number;
}

/**
 * One service a token grants. Token services describe tokens in these terms;
 * only the signer turns them into agora-token services.
 */
export type TokenGrant =
  | {
      service: 'rtc';
      channel: string;
      /** A numeric uid (0 = any user) or a user account. */
      user: number | string;
      privileges: RtcPrivileges;
    }
  | { service: 'rtm'; userId: string; loginSeconds: number }
  | { service: 'chat-user'; userId: string; seconds: number }
  | { service: 'chat-app'; seconds: number };

/**
 * A signed token with the times it carries. Token services add their fields
 * to it with `Object.assign`, not by spreading it into a new object: under
 * load, V8 kept the spread copies (their symbol key) alive through young
 * collections, about 200 KB promoted per collection (see docs/operations.md).
 */
export interface SignedToken {
  token: string;
  appId: string;
  issuedAt: Date;
  expiresAt: Date;
  expireSeconds: number;
  /** What the token grants, for the request log (a symbol key: never serialized). */
  [TOKEN_SUMMARY]: TokenSummary;
}
