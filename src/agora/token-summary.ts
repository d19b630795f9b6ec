import type { TokenGrant } from './token-grant.interface.js';

/**
 * The key under which a signed token carries a description of what it grants.
 * Token services answer with the signed token itself, their fields added to it
 * (see SignedToken), so the summary rides along to the request log;
 * JSON.stringify skips symbol keys, so it never reaches the caller.
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

/** Anything a signed token's summary rides on: the signed token, or a response built from it. */
type Summarized = { [TOKEN_SUMMARY]?: TokenSummary | TokenSummary[] };

/**
 * For responses that reshape signed tokens (the legacy routes' `{ rtcToken }`):
 * keeps what each token grants on the response, for the request log.
 *
 * @example
 * return withTokenSummaries({ rtcToken: rtc.token, rtmToken: rtm.token }, rtc, rtm);
 */
export function withTokenSummaries<T extends object>(body: T, ...issued: object[]): T {
  return Object.assign(body, { [TOKEN_SUMMARY]: issued.flatMap((token) => tokenSummariesOf(token) ?? []) });
}

/** What the tokens in a response grant, if it holds any. */
export function tokenSummariesOf(payload: unknown): TokenSummary[] | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const summary = (payload as Summarized)[TOKEN_SUMMARY];
  if (summary === undefined) return undefined;
  return Array.isArray(summary) ? summary : [summary];
}
