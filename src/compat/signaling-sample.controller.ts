import { Body, Controller, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { compatConfig } from './compat.config.js';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { FetchRtmTokenRequestDto, FetchRtmTokenResponseDto } from './dto/fetch-rtm-token.dto.js';
import { LegacyPost } from './legacy-endpoint.decorator.js';
import { LegacyTokenIssuer } from './legacy-token.issuer.js';
import { RTM_TOKEN } from '../rtm/rtm-token.kind.js';

/** The route of Agora's Signaling (RTM) sample token server. */
@ApiTags('compatibility')
@Controller()
export class SignalingSampleController {
  constructor(
    private readonly issuer: LegacyTokenIssuer,
    @Inject(compatConfig.KEY) private readonly compat: ConfigType<typeof compatConfig>,
  ) {}

  @LegacyPost('fetch_rtm_token', {
    summary: 'Signaling sample server: issue an RTM token',
    moveTo: 'POST /v1/rtm/token',
    description:
      '`uid` is the Signaling user id. Answers `{"token": …, "code": "200"}` as the sample did; errors are problem ' +
      'details rather than `{"token": <message>, "code": "400"}`. Lifetime: 3600 s (TOKEN_DEFAULT_EXPIRE_SECONDS).',
    response: FetchRtmTokenResponseDto,
    request: FetchRtmTokenRequestDto,
  })
  async fetchRtmToken(@CurrentCaller() caller: Caller, @Body() body: FetchRtmTokenRequestDto): Promise<FetchRtmTokenResponseDto> {
    const issued = await this.issuer.issue(RTM_TOKEN, { userId: body.uid, format: this.compat.legacyTokenFormat }, { userId: 'uid' }, caller);
    return { token: issued.token, code: '200' };
  }
}
