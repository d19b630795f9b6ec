import { Body, Controller, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../auth/caller.interface.js';
import { CHANNEL_MAX_BYTES } from '../../agora/agora.constants.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { LegacyErrorFilter } from '../legacy-error.filter.js';
import { LegacyQuery } from '../legacy-query.decorator.js';
import { ForkPullListDto, ForkPullStatusDto, ForkStartPullAnswerDto } from './dto/fork-rtmp-pull-answers.dto.js';
import { ForkStartPullDto, ForkStopPullDto, ForkUpdatePullDto } from './dto/fork-rtmp-pull-requests.dto.js';
import { ForkRequestId, ForkRequestIdFirst } from './fork-request-id.decorator.js';
import { ForkRoute } from './fork-route.decorator.js';
import { PULL_LIST_DOCS, PULL_START_DOCS, PULL_STOP_DOCS, PULL_UPDATE_DOCS } from './fork-rtmp-pull.docs.js';
import { ForkRtmpPullMapper } from './fork-rtmp-pull.mapper.js';

/**
 * The media pull routes of "Agora Backend Webservice" (AgoraIO-Community/agora-go-backend-middleware), the Go fork of
 * agora-token-service: `/rtmp/pull/start|stop|update` and `/rtmp/pull/list`, on the /v1 media pull service.
 */
@ApiTags('compatibility')
@ApiHeader({
  name: 'X-Request-ID',
  required: true,
  description: 'Any id of the request, as the fork required (a 400 without it); sent on to Agora when it is a plain token of up to 128 characters.',
  schema: { type: 'string', minLength: 1, maxLength: 128 },
})
@Controller('rtmp/pull')
@UseFilters(LegacyErrorFilter)
@ForkRequestIdFirst()
export class ForkRtmpPullController {
  constructor(private readonly pull: ForkRtmpPullMapper) {}

  @ForkRoute('POST', 'start', { ...PULL_START_DOCS, request: ForkStartPullDto, response: ForkStartPullAnswerDto })
  start(@CurrentCaller() caller: Caller, @Body() body: ForkStartPullDto, @ForkRequestId() requestId: string): Promise<ForkStartPullAnswerDto> {
    return this.pull.start(body, caller, requestId);
  }

  @ForkRoute('POST', 'stop', { ...PULL_STOP_DOCS, request: ForkStopPullDto, response: ForkPullStatusDto })
  stop(@CurrentCaller() caller: Caller, @Body() body: ForkStopPullDto, @ForkRequestId() requestId: string): Promise<ForkPullStatusDto> {
    return this.pull.stop(body, caller, requestId);
  }

  @ForkRoute('POST', 'update', { ...PULL_UPDATE_DOCS, request: ForkUpdatePullDto, response: ForkPullStatusDto })
  update(@CurrentCaller() caller: Caller, @Body() body: ForkUpdatePullDto, @ForkRequestId() requestId: string): Promise<ForkPullStatusDto> {
    return this.pull.update(body, caller, requestId);
  }

  @ForkRoute('GET', 'list', { ...PULL_LIST_DOCS, response: ForkPullListDto })
  @ApiQuery({ name: 'channelName', required: false, description: 'Only the players in this channel.', schema: byteLimitedSchema(1, CHANNEL_MAX_BYTES) })
  @ApiQuery({ name: 'region', required: false, description: 'Only the players created in this region.', schema: { type: 'string', enum: ['na', 'eu', 'ap', 'cn'] } })
  list(
    @CurrentCaller() caller: Caller,
    @ForkRequestId() requestId: string,
    @LegacyQuery('channelName') channelName?: string,
    @LegacyQuery('region') region?: string,
  ): Promise<ForkPullListDto> {
    return this.pull.list({ channelName, region }, caller, requestId);
  }
}
