import type { TokenGrant } from '../../agora/token-grant.interface.js';
import { RtcRole } from '../../rtc/dto/rtc-role.enum.js';

/** The kinds of token a policy can allow. `chat-app` is the app-wide Chat token. */
export const TOKEN_KINDS = ['rtc', 'rtm', 'chat', 'chat-app'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** A token as the policies see it, whichever route (v1 or compatibility) asked for it. */
export interface TokenScope {
  readonly kind: TokenKind;
  /** The RTC channel, or the RTM stream channel. */
  readonly channel?: string;
  /** For RTC tokens: the role the privileges amount to. */
  readonly role?: RtcRole;
  /** Every lifetime the token carries (the token's, each privilege's), by the field that set it. */
  readonly lifetimes: ReadonlyArray<{ readonly field: string; readonly seconds: number }>;
}

/** The policy kind of each grant a token can open with. */
const KIND_OF: Record<TokenGrant['service'], TokenKind> = { rtc: 'rtc', rtm: 'rtm', 'chat-user': 'chat', 'chat-app': 'chat-app' };

/**
 * What a token amounts to, from the grants it will be signed with: its first
 * grant gives the kind, an RTC grant the channel (an RTM token's stream
 * channel rides on one), and an RTC token's privileges its role and lifetimes.
 */
export function scopeOf(expireSeconds: number, grants: readonly TokenGrant[]): TokenScope {
  const [main] = grants;
  const rtc = grants.find((grant) => grant.service === 'rtc');
  const lifetimes = [{ field: 'expireSeconds', seconds: expireSeconds }];
  if (main.service !== 'rtc') return { kind: KIND_OF[main.service], channel: rtc?.channel, lifetimes };
  const { publishAudio, publishVideo, publishData } = main.privileges;
  // Publishing anything makes a publisher, whether asked for by role or by privileges.
  const publishes = [publishAudio, publishVideo, publishData].some((seconds) => seconds !== undefined);
  const privileges = Object.entries(main.privileges).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return {
    kind: 'rtc',
    channel: main.channel,
    role: publishes ? RtcRole.Publisher : RtcRole.Subscriber,
    lifetimes: [...lifetimes, ...privileges.map(([name, seconds]) => ({ field: `privileges.${name}`, seconds }))],
  };
}
