/**
 * What an issued token grants, for the request log (`issued`) and the
 * tokens-issued metric (`kind`): never the token itself, and only fields that
 * cannot hold a secret, since the request line skips redaction.
 */
export interface TokenSummary {
  /** The token kind's name: `rtc`, `rtm`, `chat-user`, `chat-app`. The metric's `kind` label. */
  readonly kind: string;
  /** The RTC channel (an RTM token's stream channel), when the token grants one. */
  readonly channel?: string;
  /** The uid, account or user id the token is for. */
  readonly user?: number | string;
}
