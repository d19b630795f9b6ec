import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { Caller } from '../auth/caller.interface.js';
import { chatTokenKindOf } from './chat-token.kinds.js';
import type { CreateChatTokenDto } from './dto/create-chat-token.dto.js';

describe('CHAT_USER_TOKEN and CHAT_APP_TOKEN', () => {
  const { issuer } = testIssuer();
  // As POST /v1/chat/token chooses between them.
  const issue = (body: CreateChatTokenDto, caller: Caller) => issuer.issue(chatTokenKindOf(body, caller), body, caller);

  it('signs a user token with the user privilege for the user', () => {
    const issued = issue({ userId: 'alice', expireSeconds: 300 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.expire).toBe(300);
    expect(token.chat).toEqual({ userId: 'alice', privileges: { user: 300 } });
    expect(token.serviceCount).toBe(1);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ kind: 'user', userId: 'alice', expireSeconds: 300 });
  });

  it('signs an app token, with no user and the app privilege, when no user is named', () => {
    const issued = issue({}, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.expire).toBe(3600);
    expect(token.chat).toEqual({ userId: '', privileges: { app: 3600 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued.kind).toBe('app');
    expect(issued).not.toHaveProperty('userId');
  });
});
