import { EducationTokenBuilder, ApaasTokenBuilder } from 'agora-token';
import { kApaasServiceType, kChatServiceType, kRtmServiceType } from 'agora-token/src/AccessToken2.js';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { tokenContent } from '../../test/support/token-services.js';
import type { Caller } from '../auth/caller.interface.js';
import { CLASSROOM_APP_TOKEN, CLASSROOM_ROOM_USER_TOKEN, CLASSROOM_USER_TOKEN } from './classroom-token.kinds.js';
import { CLASSROOM_ROLE_NUMBERS, ClassroomRole } from './dto/classroom-role.enum.js';

const API_KEY: Caller = { kind: 'apikey', id: 'backend', policy: {} };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('Flexible Classroom token kinds', () => {
  const { issuer } = testIssuer();

  it('signs a room user token as buildRoomUserToken does: room, user and role, a Signaling login, a Chat login for md5(userUuid)', () => {
    const issued = issuer.issue(CLASSROOM_ROOM_USER_TOKEN, { roomUuid: 'math-101', userUuid: 'alice', role: ClassroomRole.Teacher, expireSeconds: 600 }, ANONYMOUS);
    const ours = tokenContent(issued.token);

    expect(ours).toEqual(tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'math-101', 'alice', 1, 600)));
    expect(ours).toEqual({
      appId: TEST_APP_ID,
      expire: 600,
      // In token order (by service type): Signaling 2, Chat 5, APaaS 7 (no privilege of its own).
      services: [
        { __type: kRtmServiceType, __privileges: { 1: 600 }, __user_id: 'alice' },
        { __type: kChatServiceType, __privileges: { 1: 600 }, __user_id: md5('alice') },
        { __type: kApaasServiceType, __privileges: {}, __room_uuid: 'math-101', __user_uuid: 'alice', __role: 1 },
      ],
    });
    expect(decodeToken(issued.token).verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(decodeToken(issued.token).verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ roomUuid: 'math-101', userUuid: 'alice', role: 'teacher', chatUserId: md5('alice'), expireSeconds: 600 });
  });

  it('matches the builder for any room, user and role (EducationTokenBuilder and its alias ApaasTokenBuilder alike)', () => {
    const room = fc.stringMatching(/^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,63}$/);
    const user = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 });
    const role = fc.constantFrom(...Object.values(ClassroomRole));
    fc.assert(
      fc.property(room, user, role, fc.integer({ min: 1, max: 86_400 }), (roomUuid, userUuid, name, seconds) => {
        const ours = tokenContent(issuer.issue(CLASSROOM_ROOM_USER_TOKEN, { roomUuid, userUuid, role: name, expireSeconds: seconds }, ANONYMOUS).token);
        const number = CLASSROOM_ROLE_NUMBERS[name];
        expect(ours).toEqual(tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, roomUuid, userUuid, number, seconds)));
        expect(ours).toEqual(tokenContent(ApaasTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, roomUuid, userUuid, number, seconds)));
      }),
      { numRuns: 60 },
    );
  });

  it('gives the roles the numbers Agora does: teacher 1, student 2, assistant 3', () => {
    const roleOf = (role: ClassroomRole) =>
      tokenContent(issuer.issue(CLASSROOM_ROOM_USER_TOKEN, { roomUuid: 'r', userUuid: 'u', role }, ANONYMOUS).token).services.find(({ __type }) => __type === kApaasServiceType)?.__role;

    expect([ClassroomRole.Teacher, ClassroomRole.Student, ClassroomRole.Assistant].map(roleOf)).toEqual([1, 2, 3]);
  });

  // No role is packed as Int16 -1 (`role || -1` in ServiceApaas), which agora-token's parser reads back unsigned.
  it('signs a user token as buildUserToken does: the user privilege, no room or role', () => {
    const issued = issuer.issue(CLASSROOM_USER_TOKEN, { userUuid: 'alice', expireSeconds: 300 }, ANONYMOUS);
    const ours = tokenContent(issued.token);

    expect(ours).toEqual(tokenContent(EducationTokenBuilder.buildUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'alice', 300)));
    expect(ours.services).toEqual([{ __type: kApaasServiceType, __privileges: { 2: 300 }, __room_uuid: '', __user_uuid: 'alice', __role: 65535 }]);
    expect(issued).toMatchObject({ userUuid: 'alice', expireSeconds: 300 });
    expect(issued).not.toHaveProperty('roomUuid');
  });

  it('gives a caller who names no user (an API key, AUTH_MODE=none) a fresh userUuid, which the answer gives', () => {
    for (const caller of [API_KEY, ANONYMOUS]) {
      const room = issuer.issue(CLASSROOM_ROOM_USER_TOKEN, { roomUuid: 'math-101', role: ClassroomRole.Student }, caller);
      const again = issuer.issue(CLASSROOM_ROOM_USER_TOKEN, { roomUuid: 'math-101', role: ClassroomRole.Student }, caller);
      const user = issuer.issue(CLASSROOM_USER_TOKEN, {}, caller);

      expect([room.userUuid, again.userUuid, user.userUuid]).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID), expect.stringMatching(UUID)]);
      expect(new Set([room.userUuid, again.userUuid, user.userUuid]).size).toBe(3);
      expect(tokenContent(room.token)).toEqual(
        tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'math-101', room.userUuid!, 2, 3600)),
      );
      expect(room.chatUserId).toBe(md5(room.userUuid!));
      expect(tokenContent(user.token)).toEqual(tokenContent(EducationTokenBuilder.buildUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, user.userUuid!, 3600)));
      expect(issuer.issue(CLASSROOM_USER_TOKEN, { userUuid: 'carol' }, caller).userUuid).toBe('carol');
    }
  });

  it('signs an app token as buildAppToken does: the app privilege, no room or user, the configured default lifetime', () => {
    const issued = issuer.issue(CLASSROOM_APP_TOKEN, {}, ANONYMOUS);
    const ours = tokenContent(issued.token);

    expect(ours).toEqual(tokenContent(EducationTokenBuilder.buildAppToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 3600)));
    expect(ours.services).toEqual([{ __type: kApaasServiceType, __privileges: { 3: 3600 }, __room_uuid: '', __user_uuid: '', __role: 65535 }]);
    expect(issued).not.toHaveProperty('userUuid');
  });
});
