/** OpenAPI text and Swagger UI examples for the Go fork's media pull routes (`ForkRoute` options). */

/** The 400 of every /rtmp/pull route: the fork's own `{"error": …}` bodies, or problem details for the rest. */
const BAD_REQUEST =
  'No `X-Request-ID` header (`{"error": "X-Request-ID header is required"}`) or a `region` that is not Agora’s ' +
  '(`{"error": "Invalid region specified."}`), as the fork answered; other invalid input: problem details naming each field.';

const PROBLEMS: Record<number, string> = {
  404:
    'No player of yours has this playerId (malformed, altered, or another caller’s: one answer for all), Agora no longer runs ' +
    'it, the project has no REST credentials, or no project has any.',
  409: 'Another update of this player reached Agora first (send it again), or Agora already runs a player of the chosen name.',
  502: 'Agora refused the call or could not be reached: `upstream` carries Agora’s status and code.',
  503: 'Agora’s rate limit refused the call (retry after `Retry-After` seconds), or the ownership index (Redis) does not answer a list.',
  504: 'Agora did not answer in time; the call may still have been carried out (list the players to see).',
};

/** What every /rtmp/pull route documents alike. */
const COMMON = { legacyError: true, badRequest: BAD_REQUEST, problems: PROBLEMS };

const OWNERSHIP =
  '`playerId` is the `player.id` the start answered: the player’s sealed id, which only the caller that created it may use ' +
  '(or an API key whose policy says `resources: any`, within its projects and channels); anyone else gets 404. A `region` ' +
  'sent with it must be the player’s own (the id carries it).';

export const PULL_START_DOCS = {
  ...COMMON,
  summary: 'play an online stream into a channel',
  moveTo: 'POST /v1/media-pull',
  description:
    'Creates an Agora cloud player with a token this service signs for exactly the player’s uid (join, publish audio and ' +
    'video; the fork signed a one-hour subscriber token), lasting as long as a token may (TOKEN_MAX_EXPIRE_SECONDS, at most ' +
    '24 h). `uid` left out: a random one (end users: their own identity, as an account). The player’s Agora name is chosen ' +
    'by the service (`name` is accepted and ignored; `videoOptions.codec` in any case, the dot optional, reaches Agora as ' +
    '`H.264` or `VP9`). `region` left out: AGORA_MEDIA_REGION. Policy as /v1: API keys need `media-pull` in ' +
    '`kinds`, end users JWT_SERVICES_CLAIM; `channels`, `projects` and `roles` apply. The answer’s `player.id` is the ' +
    'player’s sealed id: send it back as `playerId`.',
  examples: {
    simple: { summary: 'A live FLV stream, uid 1001', value: { channelName: 'test_channel', streamUrl: 'https://media.example.com/live/show.flv', region: 'na', uid: '1001', idleTimeOut: 300 } },
  },
};

export const PULL_STOP_DOCS = {
  ...COMMON,
  summary: 'delete a player',
  moveTo: 'DELETE /v1/media-pull/{id}',
  description: `Deletes the player; a player Agora no longer runs is a 404 (the fork: 500). ${OWNERSHIP}`,
  examples: { stop: { summary: 'Stop the player', value: { playerId: 'ZGVmYXVsdA.Jg01heNba1Ec8YTtpb0VC_gtd5hfPNIdSlnri3C4H9fxAaJANuAYAvTb1X-dEIkHYJqg968KvY1564rjw9CTQdadhCUmql5LUJhOlLUeifsjDcE7dT38TsBwzSt26uS3jg', region: 'na' } } },
};

export const PULL_UPDATE_DOCS = {
  ...COMMON,
  summary: 'change a running player',
  moveTo: 'PATCH /v1/media-pull/{id}',
  description:
    'Another `streamUrl`, the volume (`audioOptions.volume`, 0 to 200), `isPause`, `seekPosition`; at least one. Sent to the ' +
    'cloud player’s path (the fork sent it to the media push API’s, and crashed without `streamUrl`) with Agora’s ' +
    '`sequence`, which the service increases itself for every update of the player and sends one at a time (`sequenceId` is ' +
    `taken and not used). A 409 means another update reached Agora first: send it again. ${OWNERSHIP}`,
  examples: { volume: { summary: 'Lower the volume and pause', value: { playerId: 'ZGVmYXVsdA.Jg01heNba1Ec8YTtpb0VC_gtd5hfPNIdSlnri3C4H9fxAaJANuAYAvTb1X-dEIkHYJqg968KvY1564rjw9CTQdadhCUmql5LUJhOlLUeifsjDcE7dT38TsBwzSt26uS3jg', audioOptions: { volume: 40 }, isPause: true } } },
};

export const PULL_LIST_DOCS = {
  ...COMMON,
  summary: 'list your players',
  moveTo: 'GET /v1/media-pull',
  description:
    'The caller’s players that Agora still runs (the fork’s route was an empty stub), in the shape of Agora’s list without ' +
    'the stream URL (it may carry credentials): `channelName` and `region` filter it.',
};
