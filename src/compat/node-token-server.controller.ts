import { applyDecorators, Controller, Inject, UseFilters } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { compatConfig } from './compat.config.js';
import { ApiExtraModels, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ACCOUNT_MAX_BYTES } from '../agora/agora.constants.js';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { byteLimitedSchema } from '../common/http/api-schema.options.js';
import { ProblemDto } from '../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem.types.js';
import { LegacyErrorDto } from './dto/legacy-error.dto.js';
import { LegacyTokenDto } from './dto/legacy-token.dto.js';
import { LegacyGet } from './legacy-endpoint.decorator.js';
import { LegacyErrorException } from './legacy-error.exception.js';
import { LegacyErrorFilter } from './legacy-error.filter.js';
import { expireSecondsOf, presentOrUndefined, rtcRoleOf, rtcUserOfSignedString } from './legacy-input.rules.js';
import { LegacyQuery } from './legacy-query.decorator.js';
import { legacyToken, LegacyTokenIssuer } from './legacy-token.issuer.js';
import { RTC_TOKEN } from '../rtc/rtc-token.kind.js';
import { CHANNEL_NAME_SCHEMA, EXPIRY_SCHEMA } from './token-service.docs.js';

const NAMES = { channel: 'channelName', uid: 'uid', account: 'uid', expireSeconds: 'expireTime' } as const;

/** The original's nocache middleware, header for header. */
const NO_CACHE = { 'Cache-Control': 'private, no-cache, no-store, must-revalidate', Expires: '-1', Pragma: 'no-cache' };

/** A uid or an account; empty means the default, 0. */
const USER = byteLimitedSchema(0, ACCOUNT_MAX_BYTES);

/** Its query parameters, and its 400 in either shape. */
const AccessTokenDocs = () =>
  applyDecorators(
    ApiQuery({ name: 'channelName', required: true, description: 'The channel to join.', schema: CHANNEL_NAME_SCHEMA, example: 'demo-room' }),
    ApiQuery({ name: 'uid', required: false, description: 'A uid (default 0 = any user) or an account.', schema: USER, example: '42' }),
    ApiQuery({ name: 'role', required: false, description: '`publisher`, or anything else to only join.', schema: { type: 'string' } }),
    ApiQuery({ name: 'expireTime', required: false, description: 'Seconds from now; default 3600.', schema: EXPIRY_SCHEMA, example: 3600 }),
    ApiExtraModels(LegacyErrorDto),
    ApiResponse({
      status: 400,
      description: 'A missing `channelName` (`{"error": …}`, as the original) or other invalid input (problem details).',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(LegacyErrorDto) } },
        [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } },
      },
    }),
  );

/** The route of AgoraIO-Community/Agora-Node-TokenServer (Express). */
@ApiTags('compatibility')
@Controller()
@UseFilters(LegacyErrorFilter)
export class NodeTokenServerController {
  constructor(
    private readonly issuer: LegacyTokenIssuer,
    @Inject(compatConfig.KEY) private readonly compat: ConfigType<typeof compatConfig>,
  ) {}

  @LegacyGet('access_token', {
    summary: 'Agora-Node-TokenServer: issue an RTC token',
    moveTo: 'POST /v1/rtc/token',
    description:
      '`uid` defaults to 0 (any user); a decimal from 0 to 4294967295 is a uid, anything else an account. `role` ' +
      '`publisher` publishes, anything else only joins. `expireTime`: seconds from now, default 3600, at most 86400. ' +
      'A missing `channelName` is answered `{"error": "channel is required"}` as the original did, with 400 (not 500).',
    response: LegacyTokenDto,
    problems: [500],
    cacheHeaders: NO_CACHE,
  })
  @AccessTokenDocs()
  async accessToken(
    @CurrentCaller() caller: Caller,
    @LegacyQuery('channelName') channelName?: string,
    @LegacyQuery('uid') uid?: string,
    @LegacyQuery('role') role?: string,
    @LegacyQuery('expireTime') expireTime?: string,
  ): Promise<LegacyTokenDto> {
    if (!channelName) throw new LegacyErrorException('channel is required');
    const request = {
      channel: channelName,
      ...rtcUserOfSignedString(presentOrUndefined(uid) ?? '0'),
      role: rtcRoleOf(role),
      expireSeconds: expireSecondsOf(expireTime, 'expireTime'),
      format: this.compat.legacyTokenFormat,
    };
    const issued = await this.issuer.issue(RTC_TOKEN, request, NAMES, caller);
    return legacyToken(issued);
  }
}
