import type { RtcRole } from '../../rtc/dto/rtc-role.enum.js';

/** The kinds of token a policy can allow. `chat-app` is the app-wide Chat token. */
export const TOKEN_KINDS = ['rtc', 'rtm', 'chat', 'chat-app'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** A token request as the policies see it, whichever route (v1 or compatibility) it came through. */
export interface TokenScope {
  readonly kind: TokenKind;
  /** The RTC channel, or the RTM stream channel. */
  readonly channel?: string;
  /** For RTC tokens: the role the privileges amount to. */
  readonly role?: RtcRole;
  /** Every lifetime the token carries (the token's, each privilege's), by the field that set it. */
  readonly lifetimes: ReadonlyArray<{ readonly field: string; readonly seconds: number }>;
}
