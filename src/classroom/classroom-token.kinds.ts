import { createHash } from 'node:crypto';
import type {
  ChatUserGrant,
  ClassroomAppGrant,
  ClassroomRoomUserGrant,
  ClassroomUserGrant,
  RtmGrant,
} from '../agora/token-grant.interface.js';
import { userIdOrGenerated } from '../tokens/identity-binding.js';
import type { TokenKind } from '../tokens/token-kind.interface.js';
import { CLASSROOM_ROLE_NUMBERS } from './dto/classroom-role.enum.js';
import type { ClassroomTokenResponseDto } from './dto/classroom-token-response.dto.js';
import { CreateClassroomAppTokenDto } from './dto/create-classroom-app-token.dto.js';
import { CreateClassroomRoomUserTokenDto } from './dto/create-classroom-room-user-token.dto.js';
import { CreateClassroomUserTokenDto } from './dto/create-classroom-user-token.dto.js';

type RoomUserGrants = [ClassroomRoomUserGrant, RtmGrant, ChatUserGrant];

/**
 * A room user token, as EducationTokenBuilder.buildRoomUserToken makes it: the room, user and role
 * (no privilege of their own), a Signaling login for the user, and a Chat login for md5(userUuid),
 * the id Flexible Classroom gives the user in its chat room.
 */
export const CLASSROOM_ROOM_USER_TOKEN: TokenKind<CreateClassroomRoomUserTokenDto, RoomUserGrants, ClassroomTokenResponseDto> = {
  request: CreateClassroomRoomUserTokenDto,
  policyKind: 'classroom',
  identity: [userIdOrGenerated<CreateClassroomRoomUserTokenDto>('userUuid')],
  grants: ({ roomUuid, userUuid, role }, seconds) => [
    // Bound: an end user's identity, the user another caller named, or a fresh one.
    { service: 'classroom-room-user', roomUuid, userUuid: userUuid!, role: CLASSROOM_ROLE_NUMBERS[role] },
    { service: 'rtm', userId: userUuid!, loginSeconds: seconds },
    { service: 'chat-user', userId: createHash('md5').update(userUuid!, 'utf8').digest('hex'), seconds },
  ],
  respond: (signed, { role }, [{ roomUuid, userUuid }, , { userId }]) =>
    Object.assign(signed, { roomUuid, userUuid, role, chatUserId: userId }),
  summarize: (_request, [{ roomUuid, userUuid }]) => ({ kind: 'classroom-room-user', channel: roomUuid, user: userUuid }),
};

/** A user token, as EducationTokenBuilder.buildUserToken makes it: the user privilege, no room. */
export const CLASSROOM_USER_TOKEN: TokenKind<CreateClassroomUserTokenDto, [ClassroomUserGrant], ClassroomTokenResponseDto> = {
  request: CreateClassroomUserTokenDto,
  policyKind: 'classroom',
  identity: [userIdOrGenerated<CreateClassroomUserTokenDto>('userUuid')],
  grants: ({ userUuid }, seconds) => [{ service: 'classroom-user', userUuid: userUuid!, seconds }],
  respond: (signed, _request, [{ userUuid }]) => Object.assign(signed, { userUuid }),
  summarize: (_request, [{ userUuid }]) => ({ kind: 'classroom-user', user: userUuid }),
};

/** An app token, as EducationTokenBuilder.buildAppToken makes it: app-wide privileges, for trusted back ends only. */
export const CLASSROOM_APP_TOKEN: TokenKind<CreateClassroomAppTokenDto, [ClassroomAppGrant], ClassroomTokenResponseDto> = {
  request: CreateClassroomAppTokenDto,
  policyKind: 'classroom-app',
  identity: [],
  refusedToEndUsers: {
    rule: 'classroom-app',
    detail: 'end users may not get a Flexible Classroom app token (it grants app-wide privileges).',
  },
  grants: (_request, seconds) => [{ service: 'classroom-app', seconds }],
  respond: (signed) => signed,
  summarize: () => ({ kind: 'classroom-app' }),
};
