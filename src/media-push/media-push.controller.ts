import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN } from '../agora/agora.constants.js';
import { MEDIA_REGIONS } from '../agora-services/media-region.config.js';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { RequestId } from '../common/http/request-params.decorators.js';
import { CreateMediaPushDto } from './dto/create-media-push.dto.js';
import { MediaPushDto, MediaPushListDto, MediaPushStatusDto } from './dto/media-push.dto.js';
import { UpdateMediaPushDto } from './dto/update-media-push.dto.js';
import { MediaPushRoute } from './media-push-docs.decorator.js';
import { ListQuery } from './media-push-query.decorator.js';
import { MediaPushService, type ListMediaPushInput } from './media-push.service.js';
import { CREATE_EXAMPLES, UPDATE_EXAMPLES } from './media-push.examples.js';

const OWNERSHIP =
  'Only the caller that created the converter (the same API key, or end user) may use its id, or an API key whose policy ' +
  'says `resources: any`, within its projects and channels; anyone else gets 404.';
const SECRET = 'The push URL’s stream key is a secret: never logged, and answers show the URL without it (`rtmp://host/app/***`).';

@ApiTags('media-push')
@Controller('v1/media-push')
export class MediaPushController {
  constructor(private readonly push: MediaPushService) {}

  @Post()
  @RequestBody(CreateMediaPushDto)
  @HttpCode(HttpStatus.CREATED)
  @MediaPushRoute({ status: 201, type: MediaPushDto, description: 'The converter: its id, Agora’s id and state.' }, false)
  @ApiOperation({
    summary: 'Push a channel to a CDN over RTMP',
    description:
      'Creates an Agora RTMP converter in `region` (default AGORA_MEDIA_REGION): one user’s stream as it is (`rtcStreamUid`), or the ' +
      'channel transcoded (`audioOptions`, `videoOptions` with a canvas and a custom or vertical layout). Its Agora `name` is ' +
      `chosen by this service, unique in the project. ${SECRET} API keys need \`media-push\` in their \`kinds\`; end users need ` +
      '`media-push` in their JWT_SERVICES_CLAIM; `channels` and `projects` apply as for tokens.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CreateMediaPushDto, examples: CREATE_EXAMPLES, required: true })
  create(@Body() body: CreateMediaPushDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<MediaPushDto> {
    return this.push.create(body, caller, requestId);
  }

  @Get()
  @MediaPushRoute({ status: 200, type: MediaPushListDto, description: 'The caller’s converters Agora runs.' }, false)
  @ApiOperation({
    summary: 'List your converters',
    description:
      'Agora’s list of the project’s converters (of one channel with `channel`), narrowed to those the caller created (all of its ' +
      'projects and channels for an API key with `resources: any`); `region` narrows it to one region (Agora’s list spans them all). ' +
      'With REDIS_URL the list covers every replica and survives restarts; without, it shows what this process created. Agora’s list ' +
      'repeats each push URL: it is never passed on.',
  })
  @ApiQuery({ name: 'channel', required: false, schema: { type: 'string', minLength: 1, maxLength: CHANNEL_MAX_BYTES, pattern: CHANNEL_PATTERN.source } })
  @ApiQuery({ name: 'region', required: false, schema: { type: 'string', enum: [...MEDIA_REGIONS] } })
  @ApiQuery({ name: 'project', required: false, description: 'The project, by name (default: the first configured).', schema: { type: 'string', maxLength: 64 } })
  @ApiQuery({ name: 'appId', required: false, description: 'The project, by App ID.', schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } })
  list(@ListQuery() query: ListMediaPushInput, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<MediaPushListDto> {
    return this.push.list(query, caller, requestId);
  }

  @Get(':id')
  @MediaPushRoute({ status: 200, type: MediaPushStatusDto, description: 'What Agora reports of the converter.' }, true)
  @ApiOperation({ summary: 'A converter’s state and options', description: `Agora’s report: state, times, options, and the push URL without its stream key. ${OWNERSHIP}` })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<MediaPushStatusDto> {
    return this.push.get(id, caller, requestId);
  }

  @Patch(':id')
  @RequestBody(UpdateMediaPushDto)
  @MediaPushRoute({ status: 200, type: MediaPushDto, description: 'The change is in force.' }, true)
  @ApiOperation({
    summary: 'Change a converter',
    description:
      'Sends Agora only what the body holds, with the `fields` mask naming each path and a `sequence` larger than any before it; ' +
      'updates of one converter run one at a time. Agora refusing the sequence (another update came first) is a 409: send it again. ' +
      `${SECRET} ${OWNERSHIP}`,
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: UpdateMediaPushDto, examples: UPDATE_EXAMPLES, required: true })
  update(@Param('id') id: string, @Body() body: UpdateMediaPushDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<MediaPushDto> {
    return this.push.update(id, body, caller, requestId);
  }

  @Delete(':id')
  @RequestBody(null)
  @HttpCode(HttpStatus.NO_CONTENT)
  @MediaPushRoute({ status: 204, description: 'Deleted: the push has stopped.' }, true)
  @ApiOperation({ summary: 'Stop a push', description: `Deletes the converter. One Agora no longer runs (deleted, or ended on its own) is a 404. ${OWNERSHIP}` })
  delete(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<void> {
    return this.push.delete(id, caller, requestId);
  }
}
