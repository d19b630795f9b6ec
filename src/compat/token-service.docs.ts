import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import {
  ACCOUNT_MAX_BYTES,
  AGORA_MAX_EXPIRE_SECONDS,
  CHANNEL_CHARACTERS,
  CHANNEL_MAX_BYTES,
  CHANNEL_PATTERN,
  USER_ID_MAX_BYTES,
} from '../agora/agora.constants.js';
import { byteLimitedSchema, integerSchema } from '../common/http/api-schema.options.js';
import { GetTokenRequestDto } from './dto/get-token-request.dto.js';
import { LegacyTokenDto } from './dto/legacy-token.dto.js';

/** OpenAPI text for agora-token-service's routes, kept out of the controller so it stays readable. */

export const EXPIRY = 'expiry';

export const GET_TOKEN_DOCS = {
  moveTo: 'POST /v1/rtc/token, /v1/rtm/token or /v1/chat/token',
  description:
    '`tokenType` `rtc`: `channel` and `uid` required; a string `uid` of digits is that number (`"007"` is 7, `"0"` or ' +
    '`"00"` any user; above 4294967295 a 400), anything else an account; `role` `publisher` publishes, anything else only ' +
    'joins. `rtm`: `uid` is the user, `channel` an optional stream channel (`*` for any). `chat`: with `uid` a user token, ' +
    'without it an app token. `expire`: seconds from now, missing or 0 = 3600, over 86400 (or TOKEN_MAX_EXPIRE_SECONDS) a 400.',
  response: LegacyTokenDto,
  request: GetTokenRequestDto,
};

/**
 * `POST /token/getNew` is not agora-token-service's: it is the route of its fork, "Agora Backend Webservice"
 * (AgoraIO-Community/agora-go-backend-middleware), which grew into a gateway to Agora's REST services
 * (Cloud Recording, Real-Time Transcription, Media Push and Pull) and took `POST /getToken` along under this name.
 */
export const GET_NEW_DOCS = {
  ...GET_TOKEN_DOCS,
  summary: 'Agora Backend Webservice (the fork of agora-token-service): issue an RTC, RTM or Chat token, as POST /getToken',
};

export const RTC_PATH_DOCS =
  '`tokenType` `uid` takes a uid of digits from 0 to 4294967295 (`007` is 7; 0, `00` or an empty segment = any user), ' +
  '`userAccount` a user account (an empty segment is the account `0`, as the original signed it); `role` `publisher` ' +
  'publishes, anything else (`subscriber`, `audience`) only joins.';

const EXPIRY_DOCS =
  'Lifetime in seconds from now; default 3600 (TOKEN_DEFAULT_EXPIRE_SECONDS), at most 86400 (or TOKEN_MAX_EXPIRE_SECONDS).';

const PARAMS = {
  channelName: `The channel: 1 to ${CHANNEL_MAX_BYTES} bytes of ${CHANNEL_CHARACTERS}`,
  role: '`publisher` publishes; anything else (`subscriber`, `audience`) only joins.',
  tokenType: '`uid` (a numeric uid) or `userAccount` (a string account).',
  uid: 'The user: a decimal uid from 0 to 4294967295 (0 = any user) or an account, as `tokenType` says.',
  rtcuid: 'The RTC user: a decimal uid (0 = any user) or an account, as `tokenType` says.',
  rtmuid: 'The Signaling user.',
  chatid: 'The Chat user id.',

  /** `GET /rtm/{uid}`'s user, named `uid` in the route: a Signaling user id. */
  rtmUid: 'The Signaling user, other than 0 (in any spelling).',
} as const;

/** A channel, as the /v1 rules take it (every legacy route maps onto them). */
export const CHANNEL_NAME_SCHEMA = { ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: CHANNEL_PATTERN.source };
const RTC_USER = byteLimitedSchema(1, ACCOUNT_MAX_BYTES);
const RTM_USER = byteLimitedSchema(1, USER_ID_MAX_BYTES);

/** What each parameter may be, as the /v1 rules take what it maps to (a uid or account, a user id of 64 bytes). */
const SCHEMAS: Record<keyof typeof PARAMS, SchemaObject> = {
  channelName: CHANNEL_NAME_SCHEMA,
  role: { type: 'string' },
  tokenType: { type: 'string', enum: ['uid', 'userAccount'] },
  uid: RTC_USER,
  rtcuid: RTC_USER,
  rtmuid: RTM_USER,
  chatid: RTM_USER,
  rtmUid: RTM_USER,
};

/** Parameters named otherwise in the route than in PARAMS. */
const ROUTE_NAMES: Partial<Record<keyof typeof PARAMS, string>> = { rtmUid: 'uid' };

/** The `expiry` query of every GET route (empty or 0: the default), as expireSecondsOf reads it. */
export const EXPIRY_SCHEMA = integerSchema(0, AGORA_MAX_EXPIRE_SECONDS);

/** Documents the route's path parameters and the `expiry` query that every GET route takes. */
export function TokenServiceParams(...names: (keyof typeof PARAMS)[]): MethodDecorator {
  return applyDecorators(
    ...names.map((name) => ApiParam({ name: ROUTE_NAMES[name] ?? name, description: PARAMS[name], schema: SCHEMAS[name] })),
    ApiQuery({ name: EXPIRY, required: false, description: EXPIRY_DOCS, schema: EXPIRY_SCHEMA, example: 3600 }),
  );
}
