import { Body, Controller, createParamDecorator, UseFilters, type ExecutionContext } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../auth/caller.interface.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { LegacyErrorException } from '../legacy-error.exception.js';
import { LegacyErrorFilter } from '../legacy-error.filter.js';
import { LegacyQuery } from '../legacy-query.decorator.js';
import { ForkPullListDto, ForkPullStatusDto, ForkStartPullAnswerDto } from './dto/fork-rtmp-pull-answers.dto.js';
import { ForkStartPullDto, ForkStopPullDto, ForkUpdatePullDto } from './dto/fork-rtmp-pull-requests.dto.js';
import { ForkPullRoute, PULL_LIST_DOCS, PULL_START_DOCS, PULL_STOP_DOCS, PULL_UPDATE_DOCS } from './fork-rtmp-pull.docs.js';
import { ForkRtmpPullMapper } from './fork-rtmp-pull.mapper.js';

/**
 * The fork's rule for every /rtmp route: an `X-Request-ID` header, else its own 400 `{"error": …}`. The request's id
 * (the header when it is a plain token, as every route takes it) goes on to Agora.
 */
const ForkRequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const sent = request.headers['x-request-id'];
  if (typeof sent !== 'string' || sent.trim() === '') throw new LegacyErrorException('X-Request-ID header is required');
  return request.id;
});

/**
 * The media pull routes of "Agora Backend Webservice" (AgoraIO-Community/agora-go-backend-middleware), the Go fork of
 * agora-token-service: `/rtmp/pull/start|stop|update` and `/rtmp/pull/list`, on the /v1 media pull service.
 */
@ApiTags('compatibility')
@Controller('rtmp/pull')
@UseFilters(LegacyErrorFilter)
export class ForkRtmpPullController {
  constructor(private readonly pull: ForkRtmpPullMapper) {}

  @ForkPullRoute('POST', 'start', { ...PULL_START_DOCS, request: ForkStartPullDto, response: ForkStartPullAnswerDto })
  start(@CurrentCaller() caller: Caller, @Body() body: ForkStartPullDto, @ForkRequestId() requestId: string): Promise<ForkStartPullAnswerDto> {
    return this.pull.start(body, caller, requestId);
  }

  @ForkPullRoute('POST', 'stop', { ...PULL_STOP_DOCS, request: ForkStopPullDto, response: ForkPullStatusDto })
  stop(@CurrentCaller() caller: Caller, @Body() body: ForkStopPullDto, @ForkRequestId() requestId: string): Promise<ForkPullStatusDto> {
    return this.pull.stop(body, caller, requestId);
  }

  @ForkPullRoute('POST', 'update', { ...PULL_UPDATE_DOCS, request: ForkUpdatePullDto, response: ForkPullStatusDto })
  update(@CurrentCaller() caller: Caller, @Body() body: ForkUpdatePullDto, @ForkRequestId() requestId: string): Promise<ForkPullStatusDto> {
    return this.pull.update(body, caller, requestId);
  }

  @ForkPullRoute('GET', 'list', { ...PULL_LIST_DOCS, response: ForkPullListDto })
  @ApiQuery({ name: 'channelName', required: false, description: 'Only the players in this channel.', schema: { type: 'string', minLength: 1, maxLength: 63 } })
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
