import { Body, Controller, Param } from '@nestjs/common';
import { ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../auth/caller.interface.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { RequestId } from '../../common/http/request-params.decorators.js';
import { TRANSCRIPTION_ID_SCHEMA } from '../../transcription/dto/transcription.dto.js';
import { TRANSCRIPTION_PROBLEMS } from '../../transcription/transcription-docs.decorator.js';
import { LegacyQuery } from '../legacy-query.decorator.js';
import { ForkRttStatusAnswerDto, ForkStartRttAnswerDto, ForkStopRttAnswerDto } from './dto/fork-rtt-answers.dto.js';
import { ForkStartRttDto } from './dto/fork-rtt-start.dto.js';
import { BUILDER_TOKEN_SCHEMA, ForkStopRttDto } from './dto/fork-rtt-stop.dto.js';
import { ForkRoute, type ForkRouteOptions } from './fork-route.decorator.js';
import { ForkRttMapper } from './fork-rtt.mapper.js';

const OWNERSHIP =
  '`taskId` is the one the start answered: the transcription’s sealed id (as /v1’s `id`), which only the caller that started it ' +
  '(the same API key or end user) may use, or an API key whose policy says `resources: any`, within its projects and channels; ' +
  'anyone else gets 404. `builderToken` (v6) is accepted and not used.';
const COMMON: Pick<ForkRouteOptions, 'problems' | 'badRequest'> = {
  problems: TRANSCRIPTION_PROBLEMS,
  badRequest: 'The request is invalid: the problem lists each field in `errors`.',
};
const STOP = {
  ...COMMON,
  summary: 'stop a transcription',
  moveTo: 'DELETE /v1/transcriptions/{id}',
  description: `Agora’s v7 leave (the fork called v6’s \`DELETE tasks/{taskId}?builderToken=\`). ${OWNERSHIP}`,
  request: ForkStopRttDto,
  response: ForkStopRttAnswerDto,
};
const TASK_ID = ApiParam({ name: 'taskId', description: 'The task’s id, as the start answered it.', schema: TRANSCRIPTION_ID_SCHEMA });

/**
 * The Go fork's real-time transcription routes (`/rtt/*`, Agora Backend Webservice) in its request and answer shapes,
 * on the /v1 TranscriptionService and Agora's STT v7 API; policy, ownership, secrets and errors are /v1's.
 */
@ApiTags('compatibility')
@Controller('rtt')
export class ForkRttController {
  constructor(private readonly rtt: ForkRttMapper) {}

  @ForkRoute('POST', 'start', {
    ...COMMON,
    summary: 'start transcribing a channel',
    moveTo: 'POST /v1/transcriptions',
    description:
      'Agora’s STT v7 join (the fork used v6’s builder tokens and `tasks`), with one publisher bot whose uid the service picks and ' +
      'an RTC token signed for exactly that uid (the fork signed the publisher’s token for the subscriber’s uid), valid as long as ' +
      'a token may be. `enableStorage` stores captions with the first storage profile that serves the project (the fork crashed ' +
      'on it). `maxIdleTime` out of 5 to 2592000 is a 400 (the fork replaced it by 30); `cryptionMode`, `secret` and `salt` ' +
      'are refused; `translateConfig.forceTranslateInterval` and `enableNTPtimestamp` (v6 options) are accepted and not used. ' +
      'The answer’s `start.taskId` (and `acquire.tokenName`, as v7 has no builder token) is the transcription’s sealed id.',
    request: ForkStartRttDto,
    response: ForkStartRttAnswerDto,
    examples: {
      simple: { summary: 'English, everyone in the channel', value: { channelName: 'test_channel', languages: ['en-US'] } },
      translated: {
        summary: 'Two users, translated, captions stored',
        value: { channelName: 'test_channel', languages: ['en-US'], subscribeAudioUids: ['42', '43'], maxIdleTime: 60, translateConfig: { languages: [{ source: 'en-US', target: ['es-ES'] }] }, enableStorage: true },
      },
    },
  })
  start(@CurrentCaller() caller: Caller, @Body() body: ForkStartRttDto, @RequestId() requestId: string): Promise<ForkStartRttAnswerDto> {
    return this.rtt.start(body, caller, requestId);
  }

  @ForkRoute('POST', 'stop/:taskId', STOP)
  @TASK_ID
  stopByPost(@CurrentCaller() caller: Caller, @Param('taskId') taskId: string, @Body() _body: ForkStopRttDto, @RequestId() requestId: string): Promise<ForkStopRttAnswerDto> {
    return this.rtt.stop(taskId, caller, requestId);
  }

  @ForkRoute('DELETE', 'stop/:taskId', STOP)
  @TASK_ID
  stopByDelete(@CurrentCaller() caller: Caller, @Param('taskId') taskId: string, @Body() _body: ForkStopRttDto, @RequestId() requestId: string): Promise<ForkStopRttAnswerDto> {
    return this.rtt.stop(taskId, caller, requestId);
  }

  @ForkRoute('DELETE', 'stop', {
    ...STOP,
    description:
      'The route the fork registered (`DELETE /rtt/stop`, without `:taskId`, so it always asked Agora to stop `tasks/`): here the task ' +
      `is named by \`taskId\` in the body or the query. ${STOP.description}`,
  })
  @ApiQuery({ name: 'taskId', required: false, description: 'The task’s id (or `taskId` in the body).', schema: TRANSCRIPTION_ID_SCHEMA })
  stopNamed(
    @CurrentCaller() caller: Caller,
    @Body() body: ForkStopRttDto,
    @RequestId() requestId: string,
    @LegacyQuery('taskId') taskId?: string,
  ): Promise<ForkStopRttAnswerDto> {
    return this.rtt.stopNamed(body.taskId, taskId, caller, requestId);
  }

  @ForkRoute('GET', 'status/:taskId', {
    ...COMMON,
    summary: 'a transcription’s state',
    moveTo: 'GET /v1/transcriptions/{id}',
    description: `Agora’s v7 query (the fork called v6’s \`GET tasks/{taskId}?builderToken=\`, which it required). ${OWNERSHIP}`,
    response: ForkRttStatusAnswerDto,
  })
  @TASK_ID
  @ApiQuery({ name: 'builderToken', required: false, schema: BUILDER_TOKEN_SCHEMA })
  status(@CurrentCaller() caller: Caller, @Param('taskId') taskId: string, @RequestId() requestId: string): Promise<ForkRttStatusAnswerDto> {
    return this.rtt.status(taskId, caller, requestId);
  }
}
