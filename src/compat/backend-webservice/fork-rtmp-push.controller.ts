import { Body, Controller, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN } from '../../agora/agora.constants.js';
import { MEDIA_REGIONS } from '../../agora-services/media-region.config.js';
import type { Caller } from '../../auth/caller.interface.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { LegacyErrorFilter } from '../legacy-error.filter.js';
import { LegacyQuery } from '../legacy-query.decorator.js';
import { ForkPushAnswerDto, ForkPushListDto, ForkPushStoppedDto } from './dto/fork-rtmp-push-answers.dto.js';
import { ForkStartPushDto, ForkStopPushDto, ForkUpdatePushDto } from './dto/fork-rtmp-push-requests.dto.js';
import { ForkRequestId, ForkRequestIdFirst } from './fork-request-id.decorator.js';
import { ForkRoute } from './fork-route.decorator.js';
import { LIST_PUSH_DOCS, PUSH_BAD_REQUEST, PUSH_PROBLEMS, START_PUSH_DOCS, STOP_PUSH_DOCS, UPDATE_PUSH_DOCS } from './fork-rtmp-push.docs.js';
import { ForkRtmpPushMapper } from './fork-rtmp-push.mapper.js';

const COMMON = { legacyError: true, badRequest: PUSH_BAD_REQUEST, problems: PUSH_PROBLEMS };

/**
 * The Go fork's media push routes (`/rtmp/push/*` of AgoraIO-Community/agora-go-backend-middleware) on the /v1 media
 * push service, in the fork's request and answer shapes, with its rule that every /rtmp request carries X-Request-ID.
 */
@ApiTags('compatibility')
@ApiHeader({ name: 'X-Request-ID', required: true, description: 'Required on every /rtmp route, as the fork required it; sent on to Agora.', schema: { type: 'string', minLength: 1, maxLength: 128 } })
@Controller('rtmp/push')
@UseFilters(LegacyErrorFilter)
@ForkRequestIdFirst()
export class ForkRtmpPushController {
  constructor(private readonly push: ForkRtmpPushMapper) {}

  @ForkRoute('POST', 'start', { ...START_PUSH_DOCS, ...COMMON, request: ForkStartPushDto, response: ForkPushAnswerDto })
  start(@CurrentCaller() caller: Caller, @Body() body: ForkStartPushDto, @ForkRequestId() requestId: string): Promise<ForkPushAnswerDto> {
    return this.push.start(body, caller, requestId);
  }

  @ForkRoute('POST', 'stop', { ...STOP_PUSH_DOCS, ...COMMON, request: ForkStopPushDto, response: ForkPushStoppedDto })
  stop(@CurrentCaller() caller: Caller, @Body() body: ForkStopPushDto, @ForkRequestId() requestId: string): Promise<ForkPushStoppedDto> {
    return this.push.stop(body, caller, requestId);
  }

  @ForkRoute('POST', 'update', { ...UPDATE_PUSH_DOCS, ...COMMON, request: ForkUpdatePushDto, response: ForkPushAnswerDto })
  update(@CurrentCaller() caller: Caller, @Body() body: ForkUpdatePushDto, @ForkRequestId() requestId: string): Promise<ForkPushAnswerDto> {
    return this.push.update(body, caller, requestId);
  }

  @ForkRoute('GET', 'list', { ...LIST_PUSH_DOCS, ...COMMON, response: ForkPushListDto })
  @ApiQuery({ name: 'rtcChannel', required: false, schema: { type: 'string', minLength: 1, maxLength: CHANNEL_MAX_BYTES, pattern: CHANNEL_PATTERN.source } })
  @ApiQuery({ name: 'region', required: false, schema: { type: 'string', enum: [...MEDIA_REGIONS] } })
  list(
    @CurrentCaller() caller: Caller,
    @ForkRequestId() requestId: string,
    @LegacyQuery('rtcChannel') rtcChannel?: string,
    @LegacyQuery('region') region?: string,
  ): Promise<ForkPushListDto> {
    return this.push.list({ rtcChannel, region }, caller, requestId);
  }
}
