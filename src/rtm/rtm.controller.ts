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
      'Signs a token for `userId` to log in to Signaling. An end user (JWT) logs in as their identity; any other ' +
      'caller names the user, or leaves `userId` out and gets a fresh one (a random UUID, returned as `userId`). ' +
      'With `channel`, the token also lets the user join that stream channel and publish data in it (`*` for any ' +
      'channel). With `permissions`, the login reaches only the message channels, stream channels and users listed ' +
      'for read and write (a Signaling token with channel permissions). `format: "006"` signs a legacy AccessToken ' +
      '(a login only) for SDK releases that predate AccessToken2.',
    request: CreateRtmTokenDto,
    response: RtmTokenResponseDto,
    bodyRequired: false,
    // The first is Swagger UI's default: it names no user, so an API key gets a fresh user id and an end user
    // their own login (a userId of alice is refused to end users who are someone else).
    examples: {
      login: { summary: 'Any caller: a login (an end user as themselves; an API key as a fresh user id)', value: { expireSeconds: 3600 } },
      named: { summary: 'API keys: log in as alice', value: { userId: 'alice' } },
      streamChannel: { summary: 'Any caller: log in and use a stream channel', value: { channel: 'demo-room' } },
      permissions: {
        summary: 'Any caller: log in with channel permissions',
        value: { permissions: { messageChannels: { read: ['demo-room', 'lobby'], write: ['demo-room'] } } },
      },
      legacy006: { summary: 'Any caller: a 006 token for an SDK that predates AccessToken2', value: { format: '006' } },
    },
  })
  create(@Body() body: CreateRtmTokenDto, @CurrentCaller() caller: Caller): RtmTokenResponseDto {
    return this.tokens.issue(RTM_TOKEN, body, caller);
  }
}
