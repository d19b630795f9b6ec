import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IssuedTokenDto } from '../agora/dto/issued-token.dto.js';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CreateFpaTokenDto } from './dto/create-fpa-token.dto.js';
import { FPA_TOKEN } from './fpa-token.kind.js';

@ApiTags('fpa')
@Controller('v1/fpa')
export class FpaController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue an FPA (accelerator) token',
    description:
      'Signs a token for the Agora FPA (Full-path accelerator) SDK, as `FpaTokenBuilder.buildToken` does: it ' +
      'names no user or channel, and always lives 86400 seconds (24 h). Send no body, or `{}`.',
    request: CreateFpaTokenDto,
    response: IssuedTokenDto,
    bodyRequired: false,
    examples: { empty: { summary: 'Any caller: no fields, the token is the same for every client', value: {} } },
  })
  create(@Body() body: CreateFpaTokenDto, @CurrentCaller() caller: Caller): IssuedTokenDto {
    return this.tokens.issue(FPA_TOKEN, body, caller);
  }
}
