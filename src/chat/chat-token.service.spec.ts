import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, signerAndPolicy } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { ChatTokenService } from './chat-token.service.js';

describe('ChatTokenService', () => {
  const { signer, expiry, authorizer } = signerAndPolicy();
  const service = new ChatTokenService(signer, expiry, authorizer);

  it('signs a user token with the user privilege for the user', () => {
    const issued = service.create({ userId: 'alice', expireSeconds: 300 }, ANONYMOUS);
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
    const issued = service.create({}, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.expire).toBe(3600);
    expect(token.chat).toEqual({ userId: '', privileges: { app: 3600 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued.kind).toBe('app');
    expect(issued).not.toHaveProperty('userId');
  });
});
