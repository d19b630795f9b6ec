import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
import { LegacyQuery } from './legacy-query.decorator.js';
import { TokenServicePathMapper } from './token-service-paths.mapper.js';
import { EXPIRY, GET_TOKEN_DOCS, RTC_PATH_DOCS, TokenServiceParams } from './token-service.docs.js';

/**
 * The routes of AgoraIO-Community/agora-token-service (Go/Gin), the community
 * reference server (its fork's `POST /token/getNew` is BackendWebserviceController's). Their forms with an
 * empty path segment are served by TokenServiceEmptySegmentsController.
 */
@ApiTags('compatibility')
@Controller()
export class TokenServiceController {
  constructor(
    private readonly getToken: GetTokenMapper,
    private readonly paths: TokenServicePathMapper,
  ) {}

  @LegacyPost('getToken', { summary: 'agora-token-service: issue an RTC, RTM or Chat token', ...GET_TOKEN_DOCS })
  postGetToken(@CurrentCaller() caller: Caller, @Body() body: GetTokenRequestDto): Promise<LegacyTokenDto> {
    return this.getToken.issue(body, caller);
  }

  @LegacyGet('rtc/:channelName/:role/:tokenType/:uid', {
    summary: 'agora-token-service: issue an RTC token',
    moveTo: 'POST /v1/rtc/token',
    description: RTC_PATH_DOCS,
    response: LegacyRtcTokenDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'uid')
  rtc(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channelName: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('uid') uid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRtcTokenDto> {
    return this.paths.rtc({ channelName, role, tokenType, uid }, expiry, caller);
  }

  @LegacyGet('rtm/:uid', {
    summary: 'agora-token-service: issue an RTM token',
    moveTo: 'POST /v1/rtm/token',
    description: '`uid` is the Signaling user; 0 (in any spelling: `00` is 0 too) is a 400.',
    response: LegacyRtmTokenDto,
  })
  @TokenServiceParams('rtmUid')
  rtm(@CurrentCaller() caller: Caller, @Param('uid') uid: string, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyRtmTokenDto> {
    return this.paths.rtm(uid, expiry, caller);
  }

  @LegacyGet('rte/:channelName/:role/:tokenType/:rtcuid', {
    summary: 'agora-token-service: issue an RTC and an RTM token for the same user',
    moveTo: 'POST /v1/rtc/token and POST /v1/rtm/token',
    description:
      `${RTC_PATH_DOCS} The RTM token is for \`rtcuid\` as sent (so a \`rtcuid\` naming uid 0, \`0\` or \`00\`, is a 400) ` +
      'and also covers the channel as a stream channel.',
    response: LegacyRteTokensDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'rtcuid')
  rte(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channelName: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('rtcuid') rtcuid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRteTokensDto> {
    return this.paths.rte({ channelName, role, tokenType, rtcuid, rtmuid: '' }, expiry, caller);
  }

  @LegacyGet('rte/:channelName/:role/:tokenType/:rtcuid/:rtmuid', {
    summary: 'agora-token-service: issue an RTC and an RTM token',
    moveTo: 'POST /v1/rtc/token and POST /v1/rtm/token',
    description: `${RTC_PATH_DOCS} The RTM token is for \`rtmuid\` and also covers the channel as a stream channel.`,
    response: LegacyRteTokensDto,
  })
  @TokenServiceParams('channelName', 'role', 'tokenType', 'rtcuid', 'rtmuid')
  rteWithRtmUser(
    @CurrentCaller() caller: Caller,
    @Param('channelName') channelName: string,
    @Param('role') role: string,
    @Param('tokenType') tokenType: string,
    @Param('rtcuid') rtcuid: string,
    @Param('rtmuid') rtmuid: string,
    @LegacyQuery(EXPIRY) expiry?: string,
  ): Promise<LegacyRteTokensDto> {
    return this.paths.rte({ channelName, role, tokenType, rtcuid, rtmuid }, expiry, caller);
  }

  @LegacyGet('chat/app', {
    summary: 'agora-token-service: issue a Chat app token',
    moveTo: 'POST /v1/chat/token (without userId)',
    description: 'An app token carries app-wide REST privileges.',
    response: LegacyChatTokenDto,
  })
  @TokenServiceParams()
  chatApp(@CurrentCaller() caller: Caller, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyChatTokenDto> {
    return this.paths.chatApp(expiry, caller);
  }

  @LegacyGet('chat/account/:chatid', {
    summary: 'agora-token-service: issue a Chat user token',
    moveTo: 'POST /v1/chat/token (with userId)',
    description: '`chatid` is the Chat user.',
    response: LegacyChatTokenDto,
  })
  @TokenServiceParams('chatid')
  chatUser(@CurrentCaller() caller: Caller, @Param('chatid') chatid: string, @LegacyQuery(EXPIRY) expiry?: string): Promise<LegacyChatTokenDto> {
    return this.paths.chatUser(chatid, expiry, caller);
  }
}
