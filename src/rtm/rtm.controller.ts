import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import { RtmTokenResponseDto } from './dto/rtm-token-response.dto.js';
import { RTM_TOKEN } from './rtm-token.kind.js';

@ApiTags('rtm')
@Controller('v1/rtm')
export class RtmController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue an RTM (Signaling) token',
    description:
      'Signs a token for `userId` to log in to Signaling. With `channel`, the token also lets the user join ' +
      'that stream channel and publish data in it (`*` for any channel). With `permissions`, the login reaches only ' +
      'the message channels, stream channels and users listed for read and write (a Signaling token with channel ' +
      'permissions). `format: "006"` signs a legacy AccessToken (a login only) for SDK releases that predate AccessToken2.',
    request: CreateRtmTokenDto,
    response: RtmTokenResponseDto,
    bodyRequired: false,
    // API keys must name the user, and an end user may name only themselves: the examples' user is alice
    // (an end user who is someone else leaves userId out, and gets their own login).
    examples: {
      login: { summary: 'Any caller: log in as alice (end users: as themselves, leave userId out)', value: { userId: 'alice' } },
      streamChannel: { summary: 'Any caller: log in and use a stream channel', value: { userId: 'alice', channel: 'demo-room' } },
      permissions: {
        summary: 'Any caller: log in with channel permissions',
        value: { userId: 'alice', permissions: { messageChannels: { read: ['demo-room', 'lobby'], write: ['demo-room'] } } },
      },
      legacy006: { summary: 'Any caller: a 006 token for an SDK that predates AccessToken2', value: { userId: 'alice', format: '006' } },
    },
  })
  create(@Body() body: CreateRtmTokenDto, @CurrentCaller() caller: Caller): RtmTokenResponseDto {
    return this.tokens.issue(RTM_TOKEN, body, caller);
  }
}
