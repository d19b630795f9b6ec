import { Body, Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { withTokenSummaries } from '../agora/token-summary.js';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { GetTokenRequestDto } from './dto/get-token-request.dto.js';
import { LegacyTokenDto } from './dto/legacy-token.dto.js';
import {
  LegacyChatTokenDto,
  LegacyRteTokensDto,
  LegacyRtcTokenDto,
  LegacyRtmTokenDto,
} from './dto/token-service-tokens.dto.js';
import { GetTokenMapper } from './get-token.mapper.js';
import { LegacyGet, LegacyPost } from './legacy-endpoint.decorator.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';
import { LegacyQuery } from './legacy-query.decorator.js';
import { expireSecondsOf, rtcRoleOf, rtcUserOfType, rtmUserOf } from './legacy-input.rules.js';
import { LegacyTokenIssuer } from './legacy-token.issuer.js';
import { EXPIRY, GET_TOKEN_DOCS, RTC_PATH_DOCS, TokenServiceParams } from './token-service.docs.js';

/** The original's names for the /v1 fields its GET routes fill. */
const RTC_NAMES = { channel: 'channelName', uid: 'uid', account: 'uid', expireSeconds: EXPIRY } as const;
const RTE_NAMES = {
  channel: 'channelName',
  uid: 'rtcuid',
  account: 'rtcuid',
  userId: 'rtmuid',
  expireSeconds: EXPIRY,
} as const;

/** The path segments of the `/rte/…` routes (the RTM user is the RTC uid when the path names none). */
interface RtePath {
  channel: string;
  role: string;
  tokenType: string;
  rtcuid: string;
  rtmuid: string;
}

/** The routes of AgoraIO-Community/agora-token-service (Go/Gin), the community reference server. */
@ApiTags('compatibility')
@Controller()
export class TokenServiceController {
  constructor(
    private readonly issuer: LegacyTokenIssuer,
    private readonly getToken: GetTokenMapper,
  ) {}

  @LegacyPost('getToken', { summary: 'agora-token-service: issue an RTC, RTM or Chat token', ...GET_TOKEN_DOCS })
  postGetToken(@CurrentCaller() caller: Caller, @Body() body: GetTokenRequestDto): Promise<LegacyTokenDto> {
    return this.getToken.issue(body, caller);
  }

  @LegacyPost('token/getNew', { summary: 'agora-token-service: alias of POST /getToken', ...GET_TOKEN_DOCS })
  postGetNew(@CurrentCaller() caller: Caller, @Body() body: GetTokenRequestDto): Promise<LegacyTokenDto> {
    return this.getToken.issue(body, caller);
  }

  @LegacyGet('rtc/:channelName/:role/:tokenType/:uid', {
    summary: 'agora-token-service: issue an RTC token',
    moveTo: 'POST /v1/rtc/token',
    description: RTC_PATH_DOCS,
    response: LegacyRtcTokenDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'uid')
  async rtc(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channel: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('uid') uid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRtcTokenDto> {
    const user = rtcUserOfType(tokenType, uid, { tokenType: 'tokenType', uid: 'uid' });
    const request = { channel, ...user, role: rtcRoleOf(role), expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const rtc = await this.issuer.rtc(request, RTC_NAMES, caller);
    return withTokenSummaries({ rtcToken: rtc.token }, rtc);
  }

  @LegacyGet('rtm/:uid', {
    summary: 'agora-token-service: issue an RTM token',
    moveTo: 'POST /v1/rtm/token',
    description: '`uid` is the Signaling user; 0 is a 400.',
    response: LegacyRtmTokenDto,
  })
  @TokenServiceParams('uid')
  async rtm(
    @CurrentCaller() caller: Caller,
    @Param('uid') uid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRtmTokenDto> {
    const request = { userId: rtmUserOf(uid, 'uid'), expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const rtm = await this.issuer.rtm(request, { userId: 'uid', expireSeconds: EXPIRY }, caller);
    return withTokenSummaries({ rtmToken: rtm.token }, rtm);
  }

  /** `/rtm/` with no user: the original's "invalid RTM User ID", not a 404. */
  @Get('rtm')
  @ApiExcludeEndpoint()
  rtmWithoutUser(): never {
    throw LegacyInputProblem.field('uid', 'uid is required');
  }

  @LegacyGet('rte/:channelName/:role/:tokenType/:rtcuid', {
    summary: 'agora-token-service: issue an RTC and an RTM token for the same user',
    moveTo: 'POST /v1/rtc/token and POST /v1/rtm/token',
    description:
      `${RTC_PATH_DOCS} The RTM token is for \`rtcuid\` (so \`rtcuid\` 0 is a 400) and also covers the channel ` +
      'as a stream channel.',
    response: LegacyRteTokensDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'rtcuid')
  rte(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channel: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('rtcuid') rtcuid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRteTokensDto> {
    if (rtcuid === '0') {
      throw LegacyInputProblem.field('rtmuid', 'rtmuid is required when rtcuid is 0, which names no Signaling user');
    }
    return this.rteTokens(caller, { channel, role, tokenType, rtcuid, rtmuid: rtcuid }, expiry);
  }

  @LegacyGet('rte/:channelName/:role/:tokenType/:rtcuid/:rtmuid', {
    summary: 'agora-token-service: issue an RTC and an RTM token',
    moveTo: 'POST /v1/rtc/token and POST /v1/rtm/token',
    description: `${RTC_PATH_DOCS} The RTM token is for \`rtmuid\` (not 0) and also covers the channel as a stream channel.`,
    response: LegacyRteTokensDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'rtcuid', 'rtmuid')
  rteWithRtmUser(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channel: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('rtcuid') rtcuid: string,
    @Param('rtmuid') rtmuid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRteTokensDto> {
    return this.rteTokens(caller, { channel, role, tokenType, rtcuid, rtmuid }, expiry);
  }

  @LegacyGet('chat/app', {
    summary: 'agora-token-service: issue a Chat app token',
    moveTo: 'POST /v1/chat/token (without userId)',
    description: 'An app token carries app-wide REST privileges.',
    response: LegacyChatTokenDto,
  })
  @TokenServiceParams()
  async chatApp(@CurrentCaller() caller: Caller, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyChatTokenDto> {
    const request = { expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const chat = await this.issuer.chatApp(request, { expireSeconds: EXPIRY }, caller);
    return withTokenSummaries({ chatToken: chat.token }, chat);
  }

  @LegacyGet('chat/account/:chatid', {
    summary: 'agora-token-service: issue a Chat user token',
    moveTo: 'POST /v1/chat/token (with userId)',
    description: '`chatid` is the Chat user.',
    response: LegacyChatTokenDto,
  })
  @TokenServiceParams('chatid')
  async chatUser(
    @CurrentCaller() caller: Caller,
    @Param('chatid') chatid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyChatTokenDto> {
    const request = { userId: chatid, expireSeconds: expireSecondsOf(expiry, EXPIRY) };
    const chat = await this.issuer.chat(request, { userId: 'chatid', expireSeconds: EXPIRY }, caller);
    return withTokenSummaries({ chatToken: chat.token }, chat);
  }

  private async rteTokens(
    caller: Caller,
    { channel, role, tokenType, rtcuid, rtmuid }: RtePath,
    expiry: string | undefined,
  ): Promise<LegacyRteTokensDto> {
    const expireSeconds = expireSecondsOf(expiry, EXPIRY);
    const user = rtcUserOfType(tokenType, rtcuid, { tokenType: 'tokenType', uid: 'rtcuid' });
    const userId = rtmUserOf(rtmuid, 'rtmuid');
    const rtc = await this.issuer.rtc({ channel, ...user, role: rtcRoleOf(role), expireSeconds }, RTE_NAMES, caller);
    // As the original: the RTM token also covers the channel as a stream channel.
    const rtm = await this.issuer.rtm({ userId, channel, expireSeconds }, RTE_NAMES, caller);
    return withTokenSummaries({ rtcToken: rtc.token, rtmToken: rtm.token }, rtc, rtm);
  }
}
