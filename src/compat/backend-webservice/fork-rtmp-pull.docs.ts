import { applyDecorators, Get, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../../common/http/api-response-headers.js';
import { JSON_WHATEVER_CONTENT_TYPE } from '../../common/http/json-body.parser.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../../common/http/route-config.js';
import { NO_STORE } from '../../common/http/token-endpoint.decorator.js';
import { FieldErrorDto, ProblemDto } from '../../common/problem/problem.dto.js';
import { PROBLEM_CONTENT_TYPE } from '../../common/problem/problem.types.js';
import { REQUEST_BODY } from '../../common/validation/body-validation.hook.js';
import { LegacyErrorDto } from '../dto/legacy-error.dto.js';

const PROBLEMS: Record<number, string> = {
  404:
    'No player of yours has this playerId (malformed, altered, or another caller’s: one answer for all), Agora no longer runs ' +
    'it, the project has no REST credentials, or no project has any.',
  409: 'Another update of this player reached Agora first (send it again), or Agora already runs a player of the chosen name.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status and code.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the ownership index (Redis) does not answer a list.',
  504: 'Agora did not answer in time; the call may still have been carried out (list the players to see).',
};

const problem = (status: number, description: string, legacy = false) =>
  ApiResponse({
    status,
    description,
    content: {
      ...(legacy ? { 'application/json': { schema: { $ref: getSchemaPath(LegacyErrorDto) } } } : {}),
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } },
    },
  });

/** What one of the fork's media pull routes is. */
export interface ForkPullRouteOptions {
  summary: string;
  description: string;
  moveTo: string;
  response: Type<unknown>;
  request?: Type<unknown>;
  examples?: Record<string, { summary: string; value: unknown }>;
}

/**
 * A route of the Go fork's media pull: it needs a caller (as /v1's media pull routes, with the same policy) and, as the
 * fork required of every /rtmp route, an `X-Request-ID` header; reads a POST body as JSON whatever its Content-Type (as
 * the fork's Gin did), answers 200 with `Cache-Control: no-store`, and documents its answer and problems.
 */
export function ForkPullRoute(method: 'GET' | 'POST', path: string, options: ForkPullRouteOptions): MethodDecorator {
  const { request } = options;
  return applyDecorators(
    method === 'GET' ? Get(path) : Post(path),
    WithRouteConfig({ [CALLER_REQUIRED]: true, ...(request ? { [JSON_WHATEVER_CONTENT_TYPE]: true, [REQUEST_BODY]: request } : {}) }),
    ...(request
      ? [ApiConsumes('application/json', 'text/plain'), ApiBody({ type: request, examples: options.examples, required: true }), HttpCode(HttpStatus.OK)]
      : []),
    Header('Cache-Control', NO_STORE),
    ApiHeader({ name: 'X-Request-ID', required: true, description: 'Any id of the request (the fork refused a request without one); sent on to Agora when it is a plain token of up to 128 characters.', schema: { type: 'string', minLength: 1, maxLength: 128 } }),
    ApiOperation({
      summary: `Agora Backend Webservice: ${options.summary} (deprecated: use ${options.moveTo})`,
      description: `Deprecated compatibility route of the Go fork of agora-token-service: move to \`${options.moveTo}\`. ${options.description}`,
      deprecated: true,
    }),
    ApiExtraModels(ProblemDto, FieldErrorDto, LegacyErrorDto),
    ApiOkResponse({ type: options.response, description: 'The fork’s answer.', headers: fixedHeaders({ 'Cache-Control': NO_STORE }) }),
    ApiCallerSecurity(),
    ApiProblemResponses(...(request ? [413, 500] : [500])),
    problem(
      400,
      'No `X-Request-ID` header (`{"error": "X-Request-ID header is required"}`) or a `region` that is not Agora’s (`{"error": "Invalid region specified."}`), as the fork answered; other invalid input: problem details naming each field.',
      true,
    ),
    ...Object.entries(PROBLEMS).map(([status, description]) => problem(Number(status), description)),
  );
}

const OWNERSHIP =
  '`playerId` is the `player.id` the start answered: the player’s sealed id, which only the caller that created it may use ' +
  '(or an API key whose policy says `resources: any`, within its projects and channels); anyone else gets 404. A `region` ' +
  'sent with it must be the player’s own (the id carries it).';

export const PULL_START_DOCS = {
  summary: 'play an online stream into a channel',
  moveTo: 'POST /v1/media-pull',
  description:
    'Creates an Agora cloud player with a token this service signs for exactly the player’s uid (join, publish audio and ' +
    'video; the fork signed a one-hour subscriber token), lasting as long as a token may (TOKEN_MAX_EXPIRE_SECONDS, at most ' +
    '24 h). `uid` left out: a random one (end users: their own identity, as an account). The player’s Agora name is chosen ' +
    'by the service (`name` is a 400). `region` left out: AGORA_MEDIA_REGION. Policy as /v1: API keys need `media-pull` in ' +
    '`kinds`, end users JWT_SERVICES_CLAIM; `channels`, `projects` and `roles` apply. The answer’s `player.id` is the ' +
    'player’s sealed id: send it back as `playerId`.',
  examples: {
    simple: { summary: 'A live FLV stream, uid 1001', value: { channelName: 'test_channel', streamUrl: 'https://media.example.com/live/show.flv', region: 'na', uid: '1001', idleTimeOut: 300 } },
  },
};

export const PULL_STOP_DOCS = {
  summary: 'delete a player',
  moveTo: 'DELETE /v1/media-pull/{id}',
  description: `Deletes the player; a player Agora no longer runs is a 404 (the fork: 500). ${OWNERSHIP}`,
  examples: { stop: { summary: 'Stop the player', value: { playerId: 'ZGVmYXVsdA.q3x0Jr…', region: 'na' } } },
};

export const PULL_UPDATE_DOCS = {
  summary: 'change a running player',
  moveTo: 'PATCH /v1/media-pull/{id}',
  description:
    'Another `streamUrl`, the volume (`audioOptions.volume`, 0 to 200), `isPause`, `seekPosition`; at least one. Sent to the ' +
    'cloud player’s path (the fork sent it to the media push API’s, and crashed without `streamUrl`) with Agora’s ' +
    '`sequence`, which the service increases itself for every update of the player and sends one at a time (`sequenceId` is ' +
    `taken and not used). A 409 means another update reached Agora first: send it again. ${OWNERSHIP}`,
  examples: { volume: { summary: 'Lower the volume and pause', value: { playerId: 'ZGVmYXVsdA.q3x0Jr…', audioOptions: { volume: 40 }, isPause: true } } },
};

export const PULL_LIST_DOCS = {
  summary: 'list your players',
  moveTo: 'GET /v1/media-pull',
  description:
    'The caller’s players that Agora still runs (the fork’s route was an empty stub), in the shape of Agora’s list without ' +
    'the stream URL (it may carry credentials): `channelName` and `region` filter it.',
};
