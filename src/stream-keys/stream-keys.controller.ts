import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN } from '../agora/agora.constants.js';
import { HEX32, PROJECT_NAME } from '../agora/projects/project-entry.js';
import { MEDIA_REGIONS } from '../agora-services/media-region.config.js';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { CreateStreamKeyDto } from './dto/create-stream-key.dto.js';
import { CreatedStreamKeyDto, StreamKeyDto, StreamKeyListDto } from './dto/stream-key.dto.js';
import { StreamKeyRoute } from './stream-key-docs.decorator.js';
import { ListQuery, RequestId } from './stream-key-request.decorators.js';
import type { ListStreamKeysInput } from './stream-keys.service.js';
import { StreamKeysService } from './stream-keys.service.js';
import { CREATE_EXAMPLES } from './stream-keys.examples.js';

const OWNERSHIP =
  'Only the caller that created the key (the same API key, or end user) may use its id, or an API key whose policy says ' +
  '`resources: any`, within its projects and channels; anyone else gets 404. The key itself is never shown again.';

@ApiTags('stream-keys')
@Controller('v1/stream-keys')
export class StreamKeysController {
  constructor(private readonly keys: StreamKeysService) {}

  @Post()
  @RequestBody(CreateStreamKeyDto)
  @HttpCode(HttpStatus.CREATED)
  @StreamKeyRoute({ status: 201, type: CreatedStreamKeyDto, description: 'The key (shown this once), where to stream it, and its id.' }, 'create')
  @ApiOperation({
    summary: 'Create a Media Gateway stream key',
    description:
      'Creates an Agora Media Gateway stream key, with which streaming software (OBS, ffmpeg) publishes an RTMP or SRT stream ' +
      'into the channel as `uid` or `account`, in the region named (AGORA_MEDIA_REGION by default). The answer holds the key ' +
      'and the ingest servers: the only answer that ever will. API keys need `stream-keys` in their `kinds` and `publisher` in ' +
      'their `roles` if they set any; end users need `stream-keys` in their JWT_SERVICES_CLAIM and publish as themselves. ' +
      '`channels` and `projects` apply as for tokens. A key that never expires (`expiresAfterSeconds: 0`) needs an API key ' +
      'without `maxExpireSeconds`.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CreateStreamKeyDto, examples: CREATE_EXAMPLES, required: true })
  create(@Body() body: CreateStreamKeyDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<CreatedStreamKeyDto> {
    return this.keys.create(body, caller, requestId);
  }

  @Get()
  @StreamKeyRoute({ status: 200, type: StreamKeyListDto, description: 'The caller’s keys that Agora still has, oldest first (by Agora’s whole-second createdAt, then id), without the keys.' }, 'list')
  @ApiOperation({
    summary: 'List your stream keys',
    description:
      'The keys the caller created in one project and region (and channel, if named) that Agora still has; with `resources: any`, ' +
      'every key its projects and channels allow. Agora has no list of keys, so this service keeps an index of the keys it ' +
      'created (in Redis with REDIS_URL, shared by the replicas; else in this process) and queries each at Agora. Without ' +
      `Redis, a list shows only the keys this process created. ${OWNERSHIP}`,
  })
  @ApiQuery({ name: 'channel', required: false, description: 'Only this channel’s keys.', schema: { type: 'string', minLength: 1, maxLength: CHANNEL_MAX_BYTES, pattern: CHANNEL_PATTERN.source } })
  @ApiQuery({ name: 'region', required: false, description: 'The keys of this region (default AGORA_MEDIA_REGION).', schema: { type: 'string', enum: [...MEDIA_REGIONS] } })
  @ApiQuery({ name: 'project', required: false, description: 'The project, by name (default: the default project).', schema: { type: 'string', pattern: PROJECT_NAME.source, maxLength: 64 } })
  @ApiQuery({ name: 'appId', required: false, description: 'The project, by its App ID.', schema: { type: 'string', pattern: HEX32.source } })
  list(@ListQuery() query: ListStreamKeysInput, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<StreamKeyListDto> {
    return this.keys.list(query, caller, requestId);
  }

  @Get(':id')
  @StreamKeyRoute({ status: 200, type: StreamKeyDto, description: 'The key’s channel, user, region and lifetime, without the key.' }, 'id')
  @ApiOperation({ summary: 'A stream key, without the key', description: `What the key was created for, once Agora confirms it still has it. ${OWNERSHIP}` })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<StreamKeyDto> {
    return this.keys.get(id, caller, requestId);
  }

  @Delete(':id')
  @RequestBody(null)
  @StreamKeyRoute({ status: 200, type: StreamKeyDto, description: 'Revoked: what the key was, without the key.' }, 'id')
  @ApiOperation({
    summary: 'Revoke a stream key',
    description: `Deletes the key at Agora: it can no longer start a stream. A stream already running on it goes on (Agora's rule). ${OWNERSHIP}`,
  })
  delete(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<StreamKeyDto> {
    return this.keys.delete(id, caller, requestId);
  }
}
