import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { NO_STORE } from '../common/http/token-endpoint.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { InspectTokenDto } from './dto/inspect-token.dto.js';
import { TokenInspectionDto } from './dto/token-inspection.dto.js';
import { INSPECT_EXAMPLES } from './inspection.examples.js';
import { TokenInspector } from './token-inspector.service.js';

@ApiTags('inspection')
@Controller('v1/tokens')
export class InspectionController {
  constructor(private readonly inspector: TokenInspector) {}

  /** Guarded and rate-limited like the token routes (a caller is required), though it signs nothing. */
  @Post('inspect')
  @RequestBody(InspectTokenDto)
  @WithRouteConfig({ [CALLER_REQUIRED]: true })
  @HttpCode(HttpStatus.OK)
  // What a token allows is as private as the token: never cached.
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    summary: 'Explain a token',
    description:
      'Decodes an AccessToken2 (`007`) or legacy AccessToken (`006`), from this service or any other server, and says ' +
      'what it allows (each Agora service, channel, user and privilege expiry), when it expires, and whether the ' +
      'certificate of its App ID’s configured project signed it (`primary` or `secondary`). An App ID configured ' +
      'nowhere here answers `project: null` and `signatureValid: false`; a string that is not a token is a 400. ' +
      'A `006` token holds only checksums of its channel and uid: send `channel` and `user` to check it. ' +
      'API keys need `inspect` in their `kinds`; end users (JWT) may not inspect. The token is never returned or logged.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: InspectTokenDto, examples: INSPECT_EXAMPLES, required: true })
  @ApiOkResponse({ type: TokenInspectionDto, description: 'What the token holds.', headers: fixedHeaders({ 'Cache-Control': NO_STORE }) })
  @ApiCallerSecurity()
  @ApiProblemResponses(400, 413, 415, 500)
  inspect(@Body() body: InspectTokenDto, @CurrentCaller() caller: Caller): TokenInspectionDto {
    return this.inspector.inspect(body, caller);
  }
}
