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
      'and a Chat login for md5(`userUuid`) (returned as `chatUserId`). End users calling with a JWT get it for their own identity.',
    request: CreateClassroomRoomUserTokenDto,
    response: ClassroomTokenResponseDto,
    bodyRequired: true,
    examples: {
      // First, so Swagger UI's default: API keys must name the user, which an end user may only when it is them (alice).
      student: { summary: 'Any caller: alice as a student (end users: as themselves)', value: { roomUuid: 'math-101', userUuid: 'alice', role: 'student' } },
      own: { summary: 'End users: a teacher, leaving out their own identity', value: { roomUuid: 'math-101', role: 'teacher' } },
    },
  })
  createRoomUser(@Body() body: CreateClassroomRoomUserTokenDto, @CurrentCaller() caller: Caller): ClassroomTokenResponseDto {
    return this.tokens.issue(CLASSROOM_ROOM_USER_TOKEN, body, caller);
  }

  @TokenEndpoint('user-token', {
    summary: 'Issue a Flexible Classroom user token',
    description:
      'Signs a token with the Flexible Classroom user privilege for `userUuid`, as `EducationTokenBuilder.buildUserToken` ' +
      'does; no room. End users calling with a JWT get it for their own identity.',
    request: CreateClassroomUserTokenDto,
    response: ClassroomTokenResponseDto,
    bodyRequired: false,
    examples: {
      named: { summary: 'Any caller: alice (end users: as themselves)', value: { userUuid: 'alice', expireSeconds: 3600 } },
      own: { summary: 'End users: their own identity, left out', value: {} },
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
