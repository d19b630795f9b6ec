import { Body, Controller, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { compatConfig } from './compat.config.js';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import { RTC_TOKEN } from '../rtc/rtc-token.kind.js';
import { RTM_TOKEN } from '../rtm/rtm-token.kind.js';
import {
  LegacyUidTokenDto,
  TutorialRtcTokenRequestDto,
  TutorialRtmTokenRequestDto,
} from './dto/express-tutorial.dto.js';
import { LegacyTokenDto } from './dto/legacy-token.dto.js';
import { LegacyPost } from './legacy-endpoint.decorator.js';
import { legacyToken, LegacyTokenIssuer } from './legacy-token.issuer.js';

/** The routes of the Express "POST token server" tutorial. */
@ApiTags('compatibility')
@Controller()
export class ExpressTutorialController {
  constructor(
    private readonly issuer: LegacyTokenIssuer,
    @Inject(compatConfig.KEY) private readonly compat: ConfigType<typeof compatConfig>,
  ) {}

  @LegacyPost('rtctoken', {
    summary: 'Express tutorial: issue an RTC token for a uid the server picks',
    moveTo: 'POST /v1/rtc/token (without uid or account)',
    description:
      'The service picks a random non-zero uid (1 to 4294967295, not the tutorial\'s 0 to 99999) and returns it with ' +
      'the token; `isPublisher` true publishes, otherwise the user only joins. ' +
      'Lifetime: 3600 s (TOKEN_DEFAULT_EXPIRE_SECONDS).',
    response: LegacyUidTokenDto,
    request: TutorialRtcTokenRequestDto,
  })
  async rtcToken(@CurrentCaller() caller: Caller, @Body() body: TutorialRtcTokenRequestDto): Promise<LegacyUidTokenDto> {
    const role = body.isPublisher ? RtcRole.Publisher : RtcRole.Subscriber;
    const issued = await this.issuer.issue(RTC_TOKEN, { channel: body.channel, role, format: this.compat.legacyTokenFormat }, {}, caller);
    // No uid or account was sent, so the service chose (and returned) a uid; an end user (JWT) gets a token
    // for their own account instead, and an answer without uid.
    return { ...(issued.uid === undefined ? {} : { uid: issued.uid }), token: issued.token };
  }

  @LegacyPost('rtmtoken', {
    summary: 'Express tutorial: issue an RTM token',
    moveTo: 'POST /v1/rtm/token',
    description: '`user` is the Signaling user id. Lifetime: 3600 s (TOKEN_DEFAULT_EXPIRE_SECONDS).',
    response: LegacyTokenDto,
    request: TutorialRtmTokenRequestDto,
  })
  async rtmToken(@CurrentCaller() caller: Caller, @Body() body: TutorialRtmTokenRequestDto): Promise<LegacyTokenDto> {
    const issued = await this.issuer.issue(RTM_TOKEN, { userId: body.user, format: this.compat.legacyTokenFormat }, { userId: 'user' }, caller);
    return legacyToken(issued);
  }
}
