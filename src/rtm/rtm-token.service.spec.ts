import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, signerAndPolicy } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { RtmTokenService } from './rtm-token.service.js';

describe('RtmTokenService', () => {
  const { signer, expiry, authorizer } = signerAndPolicy();
  const service = new RtmTokenService(signer, expiry, authorizer);

  it('signs a Signaling login for the user, for its lifetime, and nothing else', () => {
    const issued = service.create({ userId: 'alice', expireSeconds: 1200 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.expire).toBe(1200);
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 1200 } });
    expect(token.rtc).toBeUndefined();
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ userId: 'alice', expireSeconds: 1200 });
    expect(issued).not.toHaveProperty('channel');
  });

  it('defaults to the configured lifetime', () => {
    expect(decodeToken(service.create({ userId: 'bob' }, ANONYMOUS).token).expire).toBe(3600);
  });

  it('adds the stream channel as an RTC service: join and publish data, as the user', () => {
    const issued = service.create({ userId: 'alice', channel: 'stream-1', expireSeconds: 600 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 600 } });
    expect(token.rtc).toEqual({ channel: 'stream-1', uid: 'alice', privileges: { joinChannel: 600, publishData: 600 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued.channel).toBe('stream-1');
  });

  it('accepts the * wildcard channel', () => {
    expect(decodeToken(service.create({ userId: 'alice', channel: '*' }, ANONYMOUS).token).rtc?.channel).toBe('*');
  });
});
