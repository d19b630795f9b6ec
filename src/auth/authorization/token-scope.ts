import { RtcRole } from '../../agora/rtc-role.enum.js';
import type { RtmPermissions, TokenGrant } from '../../agora/token-grant.interface.js';
import type { KindPolicy, PolicyKind } from './kind-policy.js';

/** A token as the policies see it, whichever route (v1 or compatibility) asked for it. */
export interface TokenScope {
  readonly kind: PolicyKind;
  /** The RTC channel, the RTM stream channel, or the classroom (its room uuid names its channels). */
  readonly channel?: string;
  /** Channels named in Signaling permissions (read and write, message and stream channels), by the field that named them. */
  readonly permissionChannels?: ReadonlyArray<{ readonly field: string; readonly channel: string }>;
  /** Whether Signaling permissions name users (which end users may not do). */
  readonly permissionUsers?: boolean;
  /** For RTC tokens: the role the privileges amount to. */
  readonly role?: RtcRole;
  /** Every lifetime the token carries (the token's, each privilege's, a Signaling login's), by the field that set it. */
  readonly lifetimes: ReadonlyArray<{ readonly field: string; readonly seconds: number }>;
}

/**
 * What a token amounts to, from its kind's policy name and the grants it will
 * be signed with: an RTC grant gives the channel (an RTM token's stream
 * channel rides on one; a classroom room user's room names its channels), and when the token opens with an RTC grant, its
 * privileges give the role and the lifetimes.
 */
export function scopeOf(kind: KindPolicy, expireSeconds: number, grants: readonly TokenGrant[]): TokenScope {
  const [main] = grants;
  const rtc = grants.find((grant) => grant.service === 'rtc');
  // A lifetime Agora fixes is named with its value: the caller did not choose it.
  const field = kind.fixedExpireSeconds === undefined ? 'expireSeconds' : `expireSeconds (fixed at ${kind.fixedExpireSeconds} for this kind)`;
  const lifetimes = [{ field, seconds: expireSeconds }];
  // A Signaling login with a lifetime of its own (RTC + Signaling, agent tokens) is one more lifetime to judge.
  for (const grant of grants) {
    if (grant.service === 'rtm' && grant.loginSeconds !== expireSeconds) {
      lifetimes.push({ field: 'rtmExpireSeconds', seconds: grant.loginSeconds });
    }
  }
  if (main.service === 'rtm' && main.permissions) {
    return { kind: kind.policyKind, channel: rtc?.channel, lifetimes, ...permissionScope(main.permissions) };
  }
  // A classroom's room uuid is the RTC and Signaling channel its users join (Agora's Classroom docs).
  const room = main.service === 'classroom-room-user' ? main.roomUuid : undefined;
  if (main.service !== 'rtc') return { kind: kind.policyKind, channel: rtc?.channel ?? room, lifetimes };
  const { publishAudio, publishVideo, publishData } = main.privileges;
  // Publishing anything makes a publisher, whether asked for by role or by privileges.
  const publishes = [publishAudio, publishVideo, publishData].some((seconds) => seconds !== undefined);
  const privileges = Object.entries(main.privileges).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return {
    kind: kind.policyKind,
    channel: main.channel,
    role: publishes ? RtcRole.Publisher : RtcRole.Subscriber,
    lifetimes: [...lifetimes, ...privileges.map(([name, seconds]) => ({ field: `privileges.${name}`, seconds }))],
  };
}

/** Every channel Signaling permissions name, each with its field (`permissions.messageChannels.read`). */
function permissionScope(permissions: RtmPermissions): Pick<TokenScope, 'permissionChannels' | 'permissionUsers'> {
  const permissionChannels: { field: string; channel: string }[] = [];
  for (const type of ['messageChannels', 'streamChannels'] as const) {
    for (const access of ['read', 'write'] as const) {
      for (const channel of permissions[type]?.[access] ?? []) permissionChannels.push({ field: `permissions.${type}.${access}`, channel });
    }
  }
  return { permissionChannels, permissionUsers: permissions.users !== undefined };
}
