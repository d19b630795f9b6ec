import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller.interface.js';
import { chatTokenKindOf } from '../chat/chat-token.kinds.js';
import { RTC_TOKEN } from '../rtc/rtc-token.kind.js';
import { RTM_TOKEN } from '../rtm/rtm-token.kind.js';
import type { GetTokenRequestDto } from './dto/get-token-request.dto.js';
import type { LegacyTokenDto } from './dto/legacy-token.dto.js';
import { expireSecondsOf, presentOrUndefined, required, rtcRoleOf, rtcUserOfDecimal } from './legacy-input.rules.js';
import { legacyToken, LegacyTokenIssuer } from './legacy-token.issuer.js';

/** The body's names for the /v1 fields it fills. */
const NAMES = { channel: 'channel', uid: 'uid', account: 'uid', userId: 'uid', expireSeconds: 'expire' } as const;

/**
 * agora-token-service's `POST /getToken`: one body for three token types,
 * each mapped onto its own /v1 request.
 */
@Injectable()
export class GetTokenMapper {
  constructor(private readonly issuer: LegacyTokenIssuer) {}

  async issue(body: GetTokenRequestDto, caller: Caller): Promise<LegacyTokenDto> {
    const expireSeconds = expireSecondsOf(body.expire, 'expire');
    switch (body.tokenType) {
      case 'rtc': {
        const channel = required(body.channel, 'channel');
        const user = rtcUserOfDecimal(required(body.uid, 'uid'));
        const request = { channel, ...user, role: rtcRoleOf(body.role), expireSeconds };
        return legacyToken(await this.issuer.issue(RTC_TOKEN, request, NAMES, caller));
      }
      case 'rtm': {
        const request = { userId: required(body.uid, 'uid'), channel: presentOrUndefined(body.channel), expireSeconds };
        return legacyToken(await this.issuer.issue(RTM_TOKEN, request, NAMES, caller));
      }
      case 'chat': {
        const request = { userId: presentOrUndefined(body.uid), expireSeconds };
        return legacyToken(await this.issuer.issue(chatTokenKindOf(request, caller), request, NAMES, caller));
      }
      default: {
        const unknown: never = body.tokenType;
        throw new Error(`Unknown token type ${String(unknown)}`);
      }
    }
  }
}
