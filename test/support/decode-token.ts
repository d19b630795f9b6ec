import {
  AccessToken2,
  kChatServiceType,
  kRtcServiceType,
  kRtm2ServiceType,
  kRtmServiceType,
  type Rtm2Permissions,
  type Service,
} from 'agora-token/src/AccessToken2.js';

const RTC_PRIVILEGES: Record<string, string> = { 1: 'joinChannel', 2: 'publishAudio', 3: 'publishVideo', 4: 'publishData' };
const CHAT_PRIVILEGES: Record<string, string> = { 1: 'user', 2: 'app' };
const RTM_PRIVILEGES: Record<string, string> = { 1: 'login' };
const RTM2_RESOURCES: Record<string, string> = { 0: 'messageChannels', 1: 'streamChannels', 2: 'groupChannels', 3: 'serverGroups', 4: 'users' };
const RTM2_ACCESS: Record<string, string> = { 0: 'read', 1: 'write' };

export interface DecodedToken {
  appId: string;
  issueTs: number;
  /** Seconds from issueTs, as the token records it. */
  expire: number;
  rtc?: { channel: string; uid: string; privileges: Record<string, number> };
  rtm?: { userId: string; privileges: Record<string, number> };
  chat?: { userId: string; privileges: Record<string, number> };
  /** The RTM2 service (Signaling with permissions): resource lists by resource type and access, named. */
  rtm2?: { userId: string; privileges: Record<string, number>; permissions: Record<string, Record<string, string[]>> };
  serviceCount: number;
  /** Whether the signature verifies with this certificate. */
  verifies(appCertificate: string): boolean;
}

/** Parses a token with agora-token's own parser, so tests assert what the SDK will see. */
export function decodeToken(token: string): DecodedToken {
  const parsed = new AccessToken2();
  if (!parsed.from_string(token)) throw new Error('not an AccessToken2 token');
  const one = (type: number) => {
    const services = parsed.getServices(type);
    if (services.length > 1) throw new Error(`token carries ${services.length} services of type ${type}`);
    return services[0];
  };
  const rtc = one(kRtcServiceType) as (Service & { __channel_name: Buffer; __uid: Buffer }) | undefined;
  const rtm = one(kRtmServiceType) as (Service & { __user_id: Buffer }) | undefined;
  const chat = one(kChatServiceType) as (Service & { __user_id: Buffer }) | undefined;
  const rtm2 = one(kRtm2ServiceType) as (Service & { __user_id: Buffer; __permissions: Rtm2Permissions }) | undefined;
  return {
    appId: parsed.appId.toString(),
    issueTs: parsed.issueTs,
    expire: parsed.expire,
    serviceCount: parsed.services.length,
    rtc: rtc && {
      channel: rtc.__channel_name.toString(),
      uid: rtc.__uid.toString(),
      privileges: named(rtc.__privileges, RTC_PRIVILEGES),
    },
    rtm: rtm && { userId: rtm.__user_id.toString(), privileges: named(rtm.__privileges, RTM_PRIVILEGES) },
    chat: chat && { userId: chat.__user_id.toString(), privileges: named(chat.__privileges, CHAT_PRIVILEGES) },
    rtm2: rtm2 && {
      userId: rtm2.__user_id.toString(),
      privileges: named(rtm2.__privileges, RTM_PRIVILEGES),
      permissions: namedPermissions(rtm2.__permissions),
    },
    verifies: (appCertificate: string) => parsed.verifySignature(appCertificate),
  };
}

function named(privileges: Record<number, number>, names: Record<string, string>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(privileges).map(([key, seconds]) => [names[key] ?? `unknown:${key}`, seconds]),
  );
}

function namedPermissions(permissions: Rtm2Permissions): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    Object.entries(permissions.details).map(([type, lists]) => [
      RTM2_RESOURCES[type] ?? `unknown:${type}`,
      Object.fromEntries(Object.entries(lists).map(([access, names]) => [RTM2_ACCESS[access] ?? `unknown:${access}`, names])),
    ]),
  );
}
