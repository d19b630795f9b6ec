import type { TokenGrant } from './token-grant.interface.js';

/**
 * The key under which a signed token carries a description of what it grants.
 * Token services spread the signed token into their response, so the summary
 * rides along to the request log; JSON.stringify skips symbol keys, so it never
 * reaches the caller.
 */
export const TOKEN_SUMMARY = Symbol('tokenSummary');

/** What a token grants, safe to log: never the token itself. */
export interface TokenSummary {
  /** The token's first (main) service: `rtc`, `rtm`, `chat-user` or `chat-app`. */
  kind: TokenGrant['service'];
  /** The RTC channel, when the token grants one. */
  channel?: string;
  /** The uid, account or user id the token is for. */
  user?: number | string;
}

/** Describes a token from the grants it was signed with. */
export function summarize(grants: readonly TokenGrant[]): TokenSummary {
  const [main] = grants;
  const rtc = grants.find((grant) => grant.service === 'rtc');
  return {
    kind: main.service,
    ...(rtc ? { channel: rtc.channel } : {}),
    ...userOf(main),
  };
}

function userOf(grant: TokenGrant): Pick<TokenSummary, 'user'> {
  switch (grant.service) {
    case 'rtc':
      return { user: grant.user };
    case 'rtm':
    case 'chat-user':
      return { user: grant.userId };
    case 'chat-app':
      return {};
    default: {
      const unknown: never = grant;
      throw new Error(`Unknown token grant ${JSON.stringify(unknown)}`);
    }
  }
}

/** The summary a response carries, if it holds a signed token. */
export function tokenSummaryOf(payload: unknown): TokenSummary | undefined {
  return typeof payload === 'object' && payload !== null
    ? (payload as { [TOKEN_SUMMARY]?: TokenSummary })[TOKEN_SUMMARY]
    : undefined;
}
