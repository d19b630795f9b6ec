import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { MixLayoutDto } from './dto/mix-layout.dto.js';
import { RecordingDto, RecordingStatusDto, StoppedRecordingDto } from './dto/recording.dto.js';
import { StartRecordingDto } from './dto/start-recording.dto.js';
import { UpdateSubscriptionsDto } from './dto/update-subscriptions.dto.js';
import { RecordingRoute } from './recording-docs.decorator.js';
import { RecordingOperations } from './recording-operations.service.js';
import { BooleanQuery, RequestId } from '../common/http/request-params.decorators.js';
import { RecordingStarter } from './recording-starter.service.js';
import { LAYOUT_EXAMPLES, START_EXAMPLES, SUBSCRIPTION_EXAMPLES } from './recording.examples.js';

const OWNERSHIP =
  'Only the caller that started the recording (the same API key, or end user) may use its id, or an API key whose policy ' +
  'says `recordings: any`, within its projects and channels; anyone else gets 404.';

@ApiTags('recording')
@Controller('v1/recordings')
export class RecordingsController {
  constructor(
    private readonly starter: RecordingStarter,
    private readonly operations: RecordingOperations,
  ) {}

  @Post()
  @RequestBody(StartRecordingDto)
  @HttpCode(HttpStatus.CREATED)
  @RecordingRoute({ status: 201, type: RecordingDto, description: 'Recording: its id, and Agora’s resource and session ids.' }, false)
  @ApiOperation({
    summary: 'Start recording a channel',
    description:
      'Acquires an Agora cloud recording resource and starts recording at once, with a bot uid this service picks and an ' +
      'RTC token it signs for that uid, valid for TOKEN_MAX_EXPIRE_SECONDS (at most 24 h, less under an API key’s ' +
      '`maxExpireSeconds`): a recording cannot renew its token, so it cannot run longer. Files go to the storage profile ' +
      '`storage` names (the first configured one by default) under `<channel letters and digits>/<UTC date>/<UTC time>/`. ' +
      'API keys need `recording` in their `kinds`; end users need `recording` in their JWT_SERVICES_CLAIM; `channels` and ' +
      '`projects` apply as for tokens. Agora answering that the channel is already recorded is a 409.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: StartRecordingDto, examples: START_EXAMPLES, required: true })
  start(@Body() body: StartRecordingDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<RecordingDto> {
    return this.starter.start(body, caller, requestId);
  }

  @Get(':id')
  @RecordingRoute({ status: 200, type: RecordingStatusDto, description: 'What Agora reports of the recording.' }, true)
  @ApiOperation({
    summary: 'A recording’s status and files',
    description: `Agora's query, read in every mode: \`fileList\` is the playlist name in \`string\` mode and a list of files in \`json\` mode; web recordings report \`extensionServiceState\`. ${OWNERSHIP}`,
  })
  status(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<RecordingStatusDto> {
    return this.operations.status(this.starter.open(id, caller), requestId);
  }

  @Patch(':id/subscriptions')
  @RequestBody(UpdateSubscriptionsDto)
  @RecordingRoute({ status: 200, type: RecordingDto, description: 'The new lists are in force.' }, true)
  @ApiOperation({
    summary: 'Change whose audio and video a recording takes',
    description: `Individual and mix recordings: for audio and for video, a subscribe list or an unsubscribe list replaces the one in force. ${OWNERSHIP}`,
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: UpdateSubscriptionsDto, examples: SUBSCRIPTION_EXAMPLES, required: true })
  updateSubscriptions(
    @Param('id') id: string,
    @Body() body: UpdateSubscriptionsDto,
    @CurrentCaller() caller: Caller,
    @RequestId() requestId: string,
  ): Promise<RecordingDto> {
    return this.operations.updateSubscriptions(this.starter.open(id, caller), body, requestId);
  }

  @Patch(':id/layout')
  @RequestBody(MixLayoutDto)
  @RecordingRoute({ status: 200, type: RecordingDto, description: 'The new layout is in force.' }, true)
  @ApiOperation({
    summary: 'Change a mix recording’s layout',
    description: `Mix recordings: layout type, the large user of the vertical layout, backgrounds and (custom layout) each user’s region. Each change replaces the whole layout: a field left out returns to Agora’s default. ${OWNERSHIP}`,
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: MixLayoutDto, examples: LAYOUT_EXAMPLES, required: true })
  updateLayout(@Param('id') id: string, @Body() body: MixLayoutDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<RecordingDto> {
    return this.operations.updateLayout(this.starter.open(id, caller), body, requestId);
  }

  @Delete(':id')
  @RequestBody(null)
  @RecordingRoute({ status: 200, type: StoppedRecordingDto, description: 'Stopped: the files it uploaded.' }, true)
  @ApiOperation({
    summary: 'Stop a recording',
    description:
      'Stops the recording and answers the files it uploaded: synchronously (after the upload, which Agora expects within 20 s) ' +
      'unless `async=true`, which answers at once, often without the file list. A recording Agora had already stopped answers ' +
      `\`alreadyStopped: true\`; one nobody published in answers an empty \`fileList\`. ${OWNERSHIP}`,
  })
  @ApiQuery({ name: 'async', required: false, description: 'Answer without waiting for the upload.', schema: { type: 'boolean', default: false } })
  stop(
    @Param('id') id: string,
    @BooleanQuery('async') async: boolean,
    @CurrentCaller() caller: Caller,
    @RequestId() requestId: string,
  ): Promise<StoppedRecordingDto> {
    return this.operations.stop(this.starter.open(id, caller), async, requestId);
  }
}
