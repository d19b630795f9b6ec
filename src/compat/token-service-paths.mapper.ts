import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller.interface.js';
import { CHAT_APP_TOKEN, CHAT_USER_TOKEN } from '../chat/chat-token.kinds.js';
import { RTC_TOKEN } from '../rtc/rtc-token.kind.js';
import { RTM_TOKEN } from '../rtm/rtm-token.kind.js';
import type {
  LegacyChatTokenDto,
  LegacyRteTokensDto,
  LegacyRtcTokenDto,
  LegacyRtmTokenDto,
} from './dto/token-service-tokens.dto.js';
import { expireSecondsOf, required, rtcRoleOf, rtcUserOfType, rteRtmUserOf, rtmUserOf } from './legacy-input.rules.js';
import { LegacyTokenIssuer } from './legacy-token.issuer.js';
import { EXPIRY } from './token-service.docs.js';

/** The original's names for the /v1 fields its GET routes fill. */
const RTC_NAMES = { channel: 'channelName', uid: 'uid', account: 'uid', expireSeconds: EXPIRY } as const;
const RTE_NAMES = { channel: 'channelName', uid: 'rtcuid', account: 'rtcuid', userId: 'rtmuid', expireSeconds: EXPIRY } as const;

/** The path segments of `/rtc/…`, as sent: an empty segment is `''`, as the Go server's router gave it. */
export interface RtcPath {
  channelName: string;
  role: string;
  tokenType: string;
  uid: string;
}

/** The path segments of `/rte/…`; `rtmuid` is `''` when the path names none. */
export interface RtePath {
  channelName: string;
  role: string;
  tokenType: string;
  rtcuid: string;
  rtmuid: string;
}

/**
 * agora-token-service's GET routes (`/rtc`, `/rtm`, `/rte`, `/chat`), each
 * mapped onto its /v1 request. Shared by the documented routes and their
 * empty-segment forms, so both mean the same thing.
 */
@Injectable()
export class TokenServicePathMapper {
  constructor(private readonly issuer: LegacyTokenIssuer) {}

  async rtc({ channelName, role, tokenType, uid }: RtcPath, expiry: string | undefined, caller: Caller): Promise<LegacyRtcTokenDto> {
    const user = rtcUserOfType(tokenType, uid, { tokenType: 'tokenType', uid: 'uid' });
    const request = { channel: channelName, ...user, role: rtcRoleOf(role), expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const rtc = await this.issuer.issue(RTC_TOKEN, request, RTC_NAMES, caller);
    return { rtcToken: rtc.token };
  }

  async rtm(uid: string, expiry: string | undefined, caller: Caller): Promise<LegacyRtmTokenDto> {
    const request = { userId: rtmUserOf(uid, 'uid'), expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const rtm = await this.issuer.issue(RTM_TOKEN, request, { userId: 'uid', expireSeconds: EXPIRY }, caller);
    return { rtmToken: rtm.token };
  }

  async rte(path: RtePath, expiry: string | undefined, caller: Caller): Promise<LegacyRteTokensDto> {
    const expireSeconds = expireSecondsOf(expiry, EXPIRY);
    const user = rtcUserOfType(path.tokenType, path.rtcuid, { tokenType: 'tokenType', uid: 'rtcuid' });
    const userId = rteRtmUserOf(user, path.rtcuid, path.rtmuid);
    const channel = path.channelName;
    const rtc = await this.issuer.issue(RTC_TOKEN, { channel, ...user, role: rtcRoleOf(path.role), expireSeconds }, RTE_NAMES, caller);
    // As the original: the RTM token also covers the channel as a stream channel.
    const rtm = await this.issuer.issue(RTM_TOKEN, { userId, channel, expireSeconds }, RTE_NAMES, caller);
    return { rtcToken: rtc.token, rtmToken: rtm.token };
  }

  async chatApp(expiry: string | undefined, caller: Caller): Promise<LegacyChatTokenDto> {
    const request = { expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const chat = await this.issuer.issue(CHAT_APP_TOKEN, request, { expireSeconds: EXPIRY }, caller);
    return { chatToken: chat.token };
  }

  async chatUser(chatid: string, expiry: string | undefined, caller: Caller): Promise<LegacyChatTokenDto> {
    // An empty chatid was the Go server's 400 ("userAccount type requires chat ID"), not an app token.
    const request = { userId: required(chatid, 'chatid'), expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const chat = await this.issuer.issue(CHAT_USER_TOKEN, request, { userId: 'chatid', expireSeconds: EXPIRY }, caller);
    return { chatToken: chat.token };
  }
}
