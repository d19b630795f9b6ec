import { Body, Controller, UseFilters } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../auth/caller.interface.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { RECORDING_MODES } from '../../recording/recording-handle.js';
import { RequestId } from '../../common/http/request-params.decorators.js';
import { GetTokenRequestDto } from '../dto/get-token-request.dto.js';
import { LegacyTokenDto } from '../dto/legacy-token.dto.js';
import { GetTokenMapper } from '../get-token.mapper.js';
import { LegacyPost } from '../legacy-endpoint.decorator.js';
import { LegacyErrorFilter } from '../legacy-error.filter.js';
import { LegacyQuery } from '../legacy-query.decorator.js';
import { GET_NEW_DOCS } from '../token-service.docs.js';
import { LAYOUT_DOCS, START_DOCS, STATUS_DOCS, STATUS_QUERY, STOP_DOCS, SUBSCRIPTIONS_DOCS } from './backend-webservice.docs.js';
import { ForkRecordingDto, ForkRecordingReportDto } from './dto/fork-recording-answers.dto.js';
import { FORK_RESOURCE_ID_SCHEMA } from './dto/fork-recording-ids.dto.js';
import { ForkStopRecordingDto, ForkUpdateLayoutDto, ForkUpdateSubscriptionsDto } from './dto/fork-recording-updates.dto.js';
import { ForkStartRecordingDto } from './dto/fork-start-recording.dto.js';
import { ForkRecordingMapper } from './fork-recording.mapper.js';
import { ForkRoute } from './fork-route.decorator.js';

/**
 * The routes of "Agora Backend Webservice" (AgoraIO-Community/agora-go-backend-middleware), the Go fork of
 * agora-token-service: its cloud recording on the /v1 recording services, and its `POST /token/getNew` on
 * agora-token-service's `POST /getToken` mapping.
 */
@ApiTags('compatibility')
@Controller()
@UseFilters(LegacyErrorFilter)
export class BackendWebserviceController {
  constructor(
    private readonly recordings: ForkRecordingMapper,
    private readonly getToken: GetTokenMapper,
  ) {}

  @ForkRoute('POST', 'cloud_recording/start', { ...START_DOCS, request: ForkStartRecordingDto, response: ForkRecordingDto, legacyError: true })
  start(@CurrentCaller() caller: Caller, @Body() body: ForkStartRecordingDto, @RequestId() requestId: string): Promise<ForkRecordingDto> {
    return this.recordings.start(body, caller, requestId);
  }

  @ForkRoute('POST', 'cloud_recording/stop', { ...STOP_DOCS, request: ForkStopRecordingDto, response: ForkRecordingReportDto })
  stop(@CurrentCaller() caller: Caller, @Body() body: ForkStopRecordingDto, @RequestId() requestId: string): Promise<ForkRecordingReportDto> {
    return this.recordings.stop(body, caller, requestId);
  }

  @ForkRoute('GET', 'cloud_recording/status', { ...STATUS_DOCS, response: ForkRecordingReportDto })
  @ApiQuery({ name: 'resourceId', required: true, description: STATUS_QUERY.resourceId, schema: FORK_RESOURCE_ID_SCHEMA })
  @ApiQuery({ name: 'sid', required: false, description: STATUS_QUERY.sid, schema: { type: 'string', minLength: 1, maxLength: 256 } })
  @ApiQuery({ name: 'mode', required: false, description: STATUS_QUERY.mode, schema: { type: 'string', enum: [...RECORDING_MODES] } })
  status(
    @CurrentCaller() caller: Caller,
    @RequestId() requestId: string,
    @LegacyQuery('resourceId') resourceId?: string,
    @LegacyQuery('sid') sid?: string,
    @LegacyQuery('mode') mode?: string,
  ): Promise<ForkRecordingReportDto> {
    return this.recordings.status({ resourceId, sid, mode }, caller, requestId);
  }

  @ForkRoute('POST', 'cloud_recording/update/subscriber-list', { ...SUBSCRIPTIONS_DOCS, request: ForkUpdateSubscriptionsDto, response: ForkRecordingDto })
  updateSubscriptions(@CurrentCaller() caller: Caller, @Body() body: ForkUpdateSubscriptionsDto, @RequestId() requestId: string): Promise<ForkRecordingDto> {
    return this.recordings.updateSubscriptions(body, caller, requestId);
  }

  @ForkRoute('POST', 'cloud_recording/update/layout', { ...LAYOUT_DOCS, request: ForkUpdateLayoutDto, response: ForkRecordingDto })
  updateLayout(@CurrentCaller() caller: Caller, @Body() body: ForkUpdateLayoutDto, @RequestId() requestId: string): Promise<ForkRecordingDto> {
    return this.recordings.updateLayout(body, caller, requestId);
  }

  @LegacyPost('token/getNew', GET_NEW_DOCS)
  getNew(@CurrentCaller() caller: Caller, @Body() body: GetTokenRequestDto): Promise<LegacyTokenDto> {
    return this.getToken.issue(body, caller);
  }
}
