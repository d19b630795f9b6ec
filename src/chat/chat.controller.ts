import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { chatTokenKindOf } from './chat-token.kinds.js';
import { ChatTokenResponseDto } from './dto/chat-token-response.dto.js';
import { CreateChatTokenDto } from './dto/create-chat-token.dto.js';

@ApiTags('chat')
@Controller('v1/chat')
export class ChatController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue a Chat token',
    description:
      'With `userId`, signs a Chat **user** token for that user. Without it, signs a Chat **app** token, ' +
      'which carries app-wide REST privileges: give it only to trusted back ends.',
    request: CreateChatTokenDto,
    response: ChatTokenResponseDto,
    bodyRequired: false,
    // The first is Swagger UI's default: no body is a token every caller may have (see chatTokenKindOf).
    examples: {
      none: { summary: 'Any caller: an API key gets the app token, an end user their own user token', value: {} },
      user: { summary: 'Any caller: the user token of alice (end users: only their own)', value: { userId: 'alice' } },
    },
  })
  create(@Body() body: CreateChatTokenDto, @CurrentCaller() caller: Caller): ChatTokenResponseDto {
    return this.tokens.issue(chatTokenKindOf(body, caller), body, caller);
  }
}
