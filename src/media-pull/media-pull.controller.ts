import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequestBody } from '../common/validation/body-validation.hook.js';
import { RequestId } from '../common/http/request-params.decorators.js';
import { CreatePlayerDto } from './dto/create-player.dto.js';
import { LIST_QUERY_DOCS, ListPlayersQueryPipe, type ListPlayersFilter } from './dto/list-players.query.js';
import { PlayerDto, PlayerListDto } from './dto/player.dto.js';
import { UpdatePlayerDto } from './dto/update-player.dto.js';
import { MediaPullRoute } from './media-pull-docs.decorator.js';
import { CREATE_EXAMPLES, UPDATE_EXAMPLES } from './media-pull.examples.js';
import { MediaPullService } from './media-pull.service.js';

const OWNERSHIP =
  'Only the caller that created the player (the same API key, or end user) may use its id, or an API key whose policy ' +
  'says `resources: any`, within its projects and channels; anyone else gets 404.';

@ApiTags('media-pull')
@Controller('v1/media-pull')
export class MediaPullController {
  constructor(private readonly players: MediaPullService) {}

  @Post()
  @RequestBody(CreatePlayerDto)
  @HttpCode(HttpStatus.CREATED)
  @MediaPullRoute({ status: 201, type: PlayerDto, description: 'The player: its id, and Agora’s id and status.' }, false)
  @ApiOperation({
    summary: 'Play an online stream into a channel',
    description:
      'Creates an Agora cloud player (media pull) that plays `streamUrl` (RTMP, HTTP or HTTPS) into `channel` as the user ' +
      '`uid` or `account` (a random uid when neither is sent; end users: their own identity), with an RTC token this service ' +
      'signs for exactly that user (join, publish audio and video), valid for TOKEN_MAX_EXPIRE_SECONDS (at most 24 h, less ' +
      'under an API key’s `maxExpireSeconds`): a player cannot renew it, so it cannot play longer. Its Agora name is chosen ' +
      'by this service. API keys need `media-pull` in their `kinds`; end users need `media-pull` in their JWT_SERVICES_CLAIM; ' +
      '`channels` and `projects` apply as for tokens. The stream URL (it may carry credentials) is never answered or logged.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: CreatePlayerDto, examples: CREATE_EXAMPLES, required: true })
  create(@Body() body: CreatePlayerDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<PlayerDto> {
    return this.players.create(body, caller, requestId);
  }

  @Get()
  @MediaPullRoute({ status: 200, type: PlayerListDto, description: 'The caller’s players Agora still runs, oldest first.' }, false)
  @ApiOperation({
    summary: 'List your players',
    description:
      'Agora’s list of the project’s players (in `channel`, when given), filtered to those the caller created (an API key with ' +
      '`resources: any`: every player of its channels). With REDIS_URL every replica knows who created what, across restarts; ' +
      'without it a replica lists the players it created itself since it started. Agora lists a new player after about 10 s: ' +
      'until then it is answered without `status`. Agora’s answer may be up to 5 s old (it allows few list calls a project).',
  })
  @ApiQuery(LIST_QUERY_DOCS.channel)
  @ApiQuery(LIST_QUERY_DOCS.region)
  @ApiQuery(LIST_QUERY_DOCS.project)
  @ApiQuery(LIST_QUERY_DOCS.appId)
  list(@Query(ListPlayersQueryPipe) query: ListPlayersFilter, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<PlayerListDto> {
    return this.players.list(query, caller, requestId);
  }

  @Get(':id')
  @MediaPullRoute({ status: 200, type: PlayerDto, description: 'The player, with the status Agora lists it in.' }, true)
  @ApiOperation({ summary: 'A player’s status', description: `What Agora’s list reports of the player, up to 5 s old. ${OWNERSHIP}` })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<PlayerDto> {
    return this.players.get(id, caller, requestId);
  }

  @Patch(':id')
  @RequestBody(UpdatePlayerDto)
  @MediaPullRoute({ status: 200, type: PlayerDto, description: 'Agora took the change.' }, true)
  @ApiOperation({
    summary: 'Change a running player',
    description:
      'Another stream, the volume, pause or resume, the position of an on-demand stream. Each update carries Agora’s ' +
      '`sequence`, increasing per player; updates of one player run one at a time. A 409 means another update reached ' +
      `Agora first: send yours again. ${OWNERSHIP}`,
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: UpdatePlayerDto, examples: UPDATE_EXAMPLES, required: true })
  update(@Param('id') id: string, @Body() body: UpdatePlayerDto, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<PlayerDto> {
    return this.players.update(id, body, caller, requestId);
  }

  @Delete(':id')
  @RequestBody(null)
  @HttpCode(HttpStatus.NO_CONTENT)
  @MediaPullRoute({ status: 204, description: 'Deleted: the player has left the channel.' }, true)
  @ApiOperation({ summary: 'Delete a player', description: `Stops the player; a player Agora no longer runs is a 404. ${OWNERSHIP}` })
  delete(@Param('id') id: string, @CurrentCaller() caller: Caller, @RequestId() requestId: string): Promise<void> {
    return this.players.delete(id, caller, requestId);
  }
}
