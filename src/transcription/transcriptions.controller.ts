import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { RequestId } from '../common/http/request-params.decorators.js';
import { CreateTranscriptionDto } from './dto/create-transcription.dto.js';
import { ListQuery, type ListTranscriptionsRequest } from './dto/list-transcriptions.query.js';
import { StoppedTranscriptionDto, TranscriptionDto, TranscriptionListDto } from './dto/transcription.dto.js';
import { UpdateTranscriptionDto } from './dto/update-transcription.dto.js';
import { TranscriptionRoute } from './transcription-docs.decorator.js';
import { CREATE_EXAMPLES, UPDATE_EXAMPLES } from './transcription.examples.js';
import { TranscriptionService } from './transcription.service.js';

const OWNERSHIP =
  'Only the caller that started the transcription (the same API key, or end user) may use its id, or an API key whose policy ' +
  'says `resources: any`, within its projects and channels; anyone else gets 404.';

@ApiTags('transcription')
@Controller('v1/transcriptions')
export class TranscriptionsController {
  constructor(private readonly transcriptions: TranscriptionService) {}

  @Post()
  @RequestBody(CreateTranscriptionDto)
  @HttpCode(HttpStatus.CREATED)
  @TranscriptionRoute({ status: 201, type: TranscriptionDto, description: 'Transcribing: its id, and Agora’s agent id.' }, false)
  @ApiOperation({
    summary: 'Start transcribing a channel',
    description:
      'Agora’s real-time speech-to-text (STT v7 `join`): a bot joins the channel, transcribes (and translates) what it hears, and ' +
      'publishes captions as stream messages from `botUid`, with an RTC publisher token this service signs for exactly that uid, valid ' +
      'for TOKEN_MAX_EXPIRE_SECONDS (at most 24 h, less under an API key’s `maxExpireSeconds`): the bot cannot renew it, so a ' +
      'transcription cannot run longer. `captions` names a storage profile to store caption files in. API keys need ' +
      '`transcription` in their `kinds` (and, as for any publisher token, `roles` allowing publisher); end users need ' +
      '`transcription` in their JWT_SERVICES_CLAIM; `channels` and `projects` apply as for tokens.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CreateTranscriptionDto, examples: CREATE_EXAMPLES, required: true })
  create(@Body() body: CreateTranscriptionDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<TranscriptionDto> {
    return this.transcriptions.create(body, caller, requestId);
  }

  @Get()
  @TranscriptionRoute({ status: 200, type: TranscriptionListDto, description: 'The transcriptions of the channel that are yours and have not ended.' }, false)
  @ApiOperation({
    summary: 'The transcriptions running in a channel',
    description:
      'The transcriptions the caller started in the channel (every one for an API key with `resources: any`) that Agora has not ' +
      'ended, each with its state: Agora’s list of the RUNNING agents, and Agora’s query of each other one (STARTING, RECOVERING… ' +
      'still run; `UNKNOWN` when that query failed). One is dropped once Agora says it ended (STOPPED, FAILED, or no such agent). ' +
      'With REDIS_URL the index of who started what is shared by every replica and survives restarts; without it, a replica lists ' +
      'what it started itself.',
  })
  @ApiQuery({ name: 'channel', required: true, schema: { type: 'string', minLength: 1, maxLength: 63 } })
  @ApiQuery({ name: 'project', required: false, description: 'The project, by name (default: the first configured).', schema: { type: 'string', maxLength: 64 } })
  @ApiQuery({ name: 'appId', required: false, description: 'The project, by App ID.', schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } })
  list(@ListQuery() query: ListTranscriptionsRequest, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<TranscriptionListDto> {
    return this.transcriptions.list(query, caller, requestId);
  }

  @Get(':id')
  @TranscriptionRoute({ status: 200, type: TranscriptionDto, description: 'What Agora reports of the transcription.' }, true)
  @ApiOperation({ summary: 'A transcription’s state', description: `Agora’s query of the agent. ${OWNERSHIP}` })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<TranscriptionDto> {
    return this.transcriptions.get(id, caller, requestId);
  }

  @Patch(':id')
  @RequestBody(UpdateTranscriptionDto)
  @TranscriptionRoute({ status: 200, type: TranscriptionDto, description: 'The changes are in force.' }, true)
  @ApiOperation({
    summary: 'Change a transcription’s languages, subscriptions or translation',
    description:
      'Agora’s update, with an `updateMask` naming the fields sent (each replaces what is in force; others stay) and a ' +
      '`sequenceId` larger than any before. Agora takes updates 5 s after the start and after each other: one sooner is a 429 ' +
      '(before Agora hears of it) whose `Retry-After` says in how many seconds it is allowed. Agora answering that another update ' +
      `came first is a 409: send it again. ${OWNERSHIP}`,
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: UpdateTranscriptionDto, examples: UPDATE_EXAMPLES, required: true })
  update(@Param('id') id: string, @Body() body: UpdateTranscriptionDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<TranscriptionDto> {
    return this.transcriptions.update(id, body, caller, requestId);
  }

  @Delete(':id')
  @RequestBody(null)
  @TranscriptionRoute({ status: 200, type: StoppedTranscriptionDto, description: 'The bot is leaving the channel.' }, true)
  @ApiOperation({ summary: 'Stop a transcription', description: `Agora’s leave. A transcription Agora had already stopped answers \`alreadyStopped: true\`. ${OWNERSHIP}` })
  delete(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<StoppedTranscriptionDto> {
    return this.transcriptions.delete(id, caller, requestId);
  }
}
