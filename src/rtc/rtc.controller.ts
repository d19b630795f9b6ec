import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CreateRtcTokenDto } from './dto/create-rtc-token.dto.js';
import { RtcTokenResponseDto } from './dto/rtc-token-response.dto.js';
import { RTC_TOKEN } from './rtc-token.kind.js';

@ApiTags('rtc')
@Controller('v1/rtc')
export class RtcController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue an RTC (video/voice) token',
    description:
      'Signs a token to join `channel` as a numeric `uid` or a string `account` (a random uid when neither is sent). ' +
      '`role` grants join (subscriber) or join and publish (publisher); `privileges` sets each lifetime instead. ' +
      '`format: "006"` signs a legacy AccessToken for SDK releases that predate AccessToken2. ' +
      '`project` (a name) or `appId` chooses which configured project signs; left out, the default project does.',
    request: CreateRtcTokenDto,
    response: RtcTokenResponseDto,
    bodyRequired: true,
    // The first is Swagger UI's default: it names no user, so an API key gets a random uid and an end user
    // their own account (a uid of 42 is refused to end users whose identity is not 42).
    examples: {
      publisher: {
        summary: 'Any caller: a publisher (an end user as their own account; an API key as a random uid)',
        value: { channel: 'demo-room', role: 'publisher' },
      },
      uid: { summary: 'API keys: a publisher with a uid', value: { channel: 'demo-room', uid: 42, role: 'publisher' } },
      account: { summary: 'API keys: a subscriber with an account', value: { channel: 'demo-room', account: 'alice' } },
      privileges: {
        summary: 'Any caller: per-privilege lifetimes',
        value: { channel: 'demo-room', expireSeconds: 3600, privileges: { joinChannel: 3600, publishAudio: 600 } },
      },
      legacy006: { summary: 'Any caller: a 006 token for an SDK that predates AccessToken2', value: { channel: 'demo-room', format: '006' } },
      project: {
        summary: 'Any caller: signed by a chosen project (by name; `appId` works too)',
        value: { channel: 'demo-room', project: 'default' },
      },
    },
  })
  create(@Body() body: CreateRtcTokenDto, @CurrentCaller() caller: Caller): RtcTokenResponseDto {
    return this.tokens.issue(RTC_TOKEN, body, caller);
  }
}
