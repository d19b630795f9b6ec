import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller.interface.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { TokenEndpoint } from '../common/http/token-endpoint.decorator.js';
import { TokenIssuer } from '../tokens/token-issuer.service.js';
import { CLASSROOM_APP_TOKEN, CLASSROOM_ROOM_USER_TOKEN, CLASSROOM_USER_TOKEN } from './classroom-token.kinds.js';
import { ClassroomTokenResponseDto } from './dto/classroom-token-response.dto.js';
import { CreateClassroomAppTokenDto } from './dto/create-classroom-app-token.dto.js';
import { CreateClassroomRoomUserTokenDto } from './dto/create-classroom-room-user-token.dto.js';
import { CreateClassroomUserTokenDto } from './dto/create-classroom-user-token.dto.js';

/**
 * Flexible Classroom's three tokens, one route each: each takes different fields (room and role, a user,
 * nothing), so each has its own DTO and documentation rather than a `type` switching the rules.
 */
@ApiTags('classroom')
@Controller('v1/classroom')
export class ClassroomController {
  constructor(private readonly tokens: TokenIssuer) {}

  @TokenEndpoint('token', {
    summary: 'Issue a Flexible Classroom room user token',
    description:
      'Signs the token the Flexible Classroom SDKs (Web, Android, iOS) take in `launch`, as ' +
      '`EducationTokenBuilder.buildRoomUserToken` does: the room, user and role, a Signaling login for `userUuid`, ' +
      'and a Chat login for md5(`userUuid`) (returned as `chatUserId`). End users calling with a JWT get it for their ' +
      'own identity; any other caller names the user, or leaves `userUuid` out and gets a fresh one (a random UUID, ' +
      'returned as `userUuid`).',
    request: CreateClassroomRoomUserTokenDto,
    response: ClassroomTokenResponseDto,
    bodyRequired: true,
    // The first is Swagger UI's default: it names no user, so it works for an API key (a fresh user) and an
    // end user (themselves); a userUuid of alice is refused to end users who are someone else.
    examples: {
      student: { summary: 'Any caller: a student (an end user as themselves; an API key as a fresh user)', value: { roomUuid: 'math-101', role: 'student' } },
      named: { summary: 'API keys: alice as a teacher', value: { roomUuid: 'math-101', userUuid: 'alice', role: 'teacher' } },
    },
  })
  createRoomUser(@Body() body: CreateClassroomRoomUserTokenDto, @CurrentCaller() caller: Caller): ClassroomTokenResponseDto {
    return this.tokens.issue(CLASSROOM_ROOM_USER_TOKEN, body, caller);
  }

  @TokenEndpoint('user-token', {
    summary: 'Issue a Flexible Classroom user token',
    description:
      'Signs a token with the Flexible Classroom user privilege for `userUuid`, as `EducationTokenBuilder.buildUserToken` ' +
      'does; no room. End users calling with a JWT get it for their own identity; any other caller names the user, or ' +
      'leaves `userUuid` out and gets a fresh one (a random UUID, returned as `userUuid`).',
    request: CreateClassroomUserTokenDto,
    response: ClassroomTokenResponseDto,
    bodyRequired: false,
    // The first is Swagger UI's default: no user, as in the room user token.
    examples: {
      own: { summary: 'Any caller: a user token (an end user for themselves; an API key for a fresh user)', value: { expireSeconds: 3600 } },
      named: { summary: 'API keys: alice', value: { userUuid: 'alice', expireSeconds: 3600 } },
    },
  })
  createUser(@Body() body: CreateClassroomUserTokenDto, @CurrentCaller() caller: Caller): ClassroomTokenResponseDto {
    return this.tokens.issue(CLASSROOM_USER_TOKEN, body, caller);
  }

  @TokenEndpoint('app-token', {
    summary: 'Issue a Flexible Classroom app token',
    description:
      'Signs a token with the Flexible Classroom app privilege, as `EducationTokenBuilder.buildAppToken` does, for the ' +
      'Classroom REST API. It grants app-wide privileges: trusted back ends only; end users (JWT) are refused.',
    request: CreateClassroomAppTokenDto,
    response: ClassroomTokenResponseDto,
    bodyRequired: false,
    // The one token route whose default no end user may use: the token itself is refused to them.
    examples: { app: { summary: 'API keys: an app token (end users are refused it)', value: { expireSeconds: 3600 } } },
  })
  createApp(@Body() body: CreateClassroomAppTokenDto, @CurrentCaller() caller: Caller): ClassroomTokenResponseDto {
    return this.tokens.issue(CLASSROOM_APP_TOKEN, body, caller);
  }
}
