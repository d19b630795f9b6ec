import {
  AccessToken2,
  kChatServiceType,
  kRtcServiceType,
  kRtmServiceType,
  type Service,
} from 'agora-token/src/AccessToken2.js';

const RTC_PRIVILEGES: Record<string, string> = { 1: 'joinChannel', 2: 'publishAudio', 3: 'publishVideo', 4: 'publishData' };
const CHAT_PRIVILEGES: Record<string, string> = { 1: 'user', 2: 'app' };
const RTM_PRIVILEGES: Record<string, string> = { 1: 'login' };

export interface DecodedToken {
  appId: string;
  issueTs: number;
  /** Seconds from issueTs, as the token records it. */
  expire: number;
  rtc?: { channel: string; uid: string; privileges: Record<string, number> };
  rtm?: { userId: string; privileges: Record<string, number> };
  chat?: { userId: string; privileges: Record<string, number> };
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
    verifies: (appCertificate: string) => parsed.verifySignature(appCertificate),
  };
}

function named(privileges: Record<number, number>, names: Record<string, string>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(privileges).map(([key, seconds]) => [names[key] ?? `unknown:${key}`, seconds]),
  );
}
