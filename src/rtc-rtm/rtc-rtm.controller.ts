import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CreateRtcRtmTokenDto } from './dto/create-rtc-rtm-token.dto.js';
import { RtcRtmTokenResponseDto } from './dto/rtc-rtm-token-response.dto.js';
import { RTC_RTM_TOKEN } from './rtc-rtm-token.kind.js';

@ApiTags('rtc-rtm')
@Controller('v1/rtc-rtm')
export class RtcRtmController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue one token for RTC and Signaling (RTM)',
    description:
      'Signs one token that joins `channel` (as `uid` or `account`, with `role` or `privileges`, as `/v1/rtc/token`) ' +
      'and logs in to Signaling as `rtmUserId`, for apps that pass one token to both SDKs. Without `rtmUserId`, ' +
      'the Signaling user is the RTC user (`buildTokenWithRtm`); with it, the two differ (`buildTokenWithRtm2`).',
    request: CreateRtcRtmTokenDto,
    response: RtcRtmTokenResponseDto,
    bodyRequired: true,
    examples: {
      // First, so Swagger UI's default: it names no user, so an end user gets their own and an API key a random uid.
      sameUser: { summary: 'Any caller: one user for RTC and Signaling', value: { channel: 'demo-room', role: 'publisher' } },
      account: { summary: 'API keys: an account for both', value: { channel: 'demo-room', account: 'alice', role: 'publisher' } },
      differentIds: {
        summary: 'API keys: a uid for RTC, a user id for Signaling',
        value: { channel: 'demo-room', uid: 42, role: 'publisher', rtmUserId: 'alice', rtmExpireSeconds: 1800 },
      },
    },
  })
  create(@Body() body: CreateRtcRtmTokenDto, @CurrentCaller() caller: Caller): RtcRtmTokenResponseDto {
    return this.tokens.issue(RTC_RTM_TOKEN, body, caller);
  }
}
