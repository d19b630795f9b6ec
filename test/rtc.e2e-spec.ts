import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const URL = '/v1/rtc/token';
const CHANNEL_RULE = 'channel may use only a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,';

describe('POST /v1/rtc/token', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({ TOKEN_MAX_EXPIRE_SECONDS: '43200' });
  });
  afterAll(() => app.close());

  const issue = async (body: unknown) => {
    const response = await postJson(app, URL, body);
    expect(response.statusCode).toBe(200);
    return { response, body: response.json(), token: decodeToken(response.json().token) };
  };
  const refuse = async (body: unknown, errors: Array<{ field: string; message: string }>) => {
    const response = await postJson(app, URL, body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toEqual(validationProblem(URL, errors));
  };

  it('issues a publisher token for a uid, never cached, with times matching the token', async () => {
    const { response, body, token } = await issue({ channel: 'room-1', uid: 1234, role: 'publisher', expireSeconds: 600 });

    expect(response.headers['cache-control']).toBe('no-store');
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.expire).toBe(600);
    expect(token.rtc).toEqual({
      channel: 'room-1',
      uid: '1234',
      privileges: { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 },
    });
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      channel: 'room-1',
      uid: 1234,
      role: 'publisher',
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 600) * 1000).toISOString(),
      expireSeconds: 600,
    });
  });

  it('defaults to a subscriber for an hour', async () => {
    const { body, token } = await issue({ channel: 'room', uid: 5 });

    expect(token.expire).toBe(3600);
    expect(token.rtc?.privileges).toEqual({ joinChannel: 3600 });
    expect(body).toMatchObject({ role: 'subscriber', expireSeconds: 3600 });
  });

  it('picks and returns a random uid when neither uid nor account is sent', async () => {
    const { body, token } = await issue({ channel: 'room' });

    expect(Number.isInteger(body.uid)).toBe(true);
    expect(body.uid).toBeGreaterThan(0);
    expect(token.rtc?.uid).toBe(String(body.uid));
  });

  it('issues a uid 0 token that any user may use', async () => {
    const { body, token } = await issue({ channel: 'room', uid: 0 });

    expect(body.uid).toBe(0);
    expect(token.rtc?.uid).toBe('');
  });

  it('issues an account token', async () => {
    const { body, token } = await issue({ channel: 'room', account: 'alice@example.com', role: 'subscriber' });

    expect(token.rtc?.uid).toBe('alice@example.com');
    expect(body.account).toBe('alice@example.com');
    expect(body).not.toHaveProperty('uid');
  });

  it('accepts every character of the channel set and 63 bytes', async () => {
    const channel = 'aZ09 !#$%&()+-:;<=.>?@[]^_{}|~,';
    expect((await issue({ channel, uid: 1 })).token.rtc?.channel).toBe(channel);
    expect((await issue({ channel: 'c'.repeat(63), uid: 1 })).token.rtc?.channel).toHaveLength(63);
  });

  it('accepts the largest uid and a 255-byte account', async () => {
    expect((await issue({ channel: 'r', uid: 4294967295 })).token.rtc?.uid).toBe('4294967295');
    expect((await issue({ channel: 'r', account: 'é'.repeat(127) + 'a' })).token.rtc?.uid).toHaveLength(128);
  });

  it('signs per-privilege lifetimes instead of a role', async () => {
    const { body, token } = await issue({
      channel: 'room',
      uid: 9,
      expireSeconds: 7200,
      privileges: { joinChannel: 7200, publishAudio: 60, publishData: 120 },
    });

    expect(token.expire).toBe(7200);
    expect(token.rtc?.privileges).toEqual({ joinChannel: 7200, publishAudio: 60, publishData: 120 });
    expect(body.privileges).toEqual({ joinChannel: 7200, publishAudio: 60, publishData: 120 });
    expect(body).not.toHaveProperty('role');
  });

  describe('refuses', () => {
    it('a missing channel', () =>
      refuse({ uid: 1 }, [{ field: 'channel', message: 'channel is required' }]));

    it('an empty channel', () =>
      refuse({ channel: '' }, [{ field: 'channel', message: 'channel must be 1 to 63 bytes' }]));

    it('a 64-byte channel', () =>
      refuse({ channel: 'c'.repeat(64) }, [{ field: 'channel', message: 'channel must be 1 to 63 bytes' }]));

    it('characters outside the channel set', () =>
      refuse({ channel: 'room/1' }, [{ field: 'channel', message: CHANNEL_RULE }]));

    it('a non-ASCII channel', () => refuse({ channel: 'café' }, [{ field: 'channel', message: CHANNEL_RULE }]));

    it('a uid above 2^32-1 instead of truncating it', () =>
      refuse({ channel: 'r', uid: 4294967296 }, [{ field: 'uid', message: 'uid must not be greater than 4294967295' }]));

    it('a negative uid', () =>
      refuse({ channel: 'r', uid: -1 }, [{ field: 'uid', message: 'uid must not be less than 0' }]));

    it('a fractional uid', () =>
      refuse({ channel: 'r', uid: 1.5 }, [{ field: 'uid', message: 'uid must be an integer number' }]));

    it('a uid sent as a string', () =>
      refuse({ channel: 'r', uid: '42' }, [{ field: 'uid', message: 'uid must be an integer number' }]));

    it('uid together with account', () =>
      refuse({ channel: 'r', uid: 1, account: 'a' }, [
        { field: 'uid', message: 'uid and account cannot be used together; send one of them' },
      ]));

    it('an empty or over-long account (in bytes)', async () => {
      await refuse({ channel: 'r', account: '' }, [{ field: 'account', message: 'account must be 1 to 255 bytes' }]);
      await refuse({ channel: 'r', account: 'é'.repeat(128) }, [
        { field: 'account', message: 'account must be 1 to 255 bytes' },
      ]);
    });

    it('an unknown role', () =>
      refuse({ channel: 'r', role: 'admin' }, [
        { field: 'role', message: 'role must be one of the following values: publisher, subscriber' },
      ]));

    it('role together with privileges', () =>
      refuse({ channel: 'r', role: 'publisher', privileges: { joinChannel: 60 } }, [
        { field: 'role', message: 'role and privileges cannot be used together; send one of them' },
      ]));

    it('privileges without joinChannel, out of range, or with unknown names', () =>
      refuse({ channel: 'r', privileges: { publishAudio: 0, publishVideo: 86401, record: 5 } }, [
        { field: 'privileges.record', message: 'property record should not exist' },
        { field: 'privileges.joinChannel', message: 'joinChannel is required' },
        { field: 'privileges.publishAudio', message: 'publishAudio must not be less than 1' },
        { field: 'privileges.publishVideo', message: 'publishVideo must not be greater than 86400' },
      ]));

    it('privileges that are not an object', () =>
      refuse({ channel: 'r', privileges: 'all' }, [
        { field: 'privileges', message: 'privileges must be an object' },
      ]));

    it('an expiry of 0, over 24 h, or not an integer', async () => {
      await refuse({ channel: 'r', expireSeconds: 0 }, [
        { field: 'expireSeconds', message: 'expireSeconds must not be less than 1' },
      ]);
      await refuse({ channel: 'r', expireSeconds: 86401 }, [
        { field: 'expireSeconds', message: 'expireSeconds must not be greater than 86400' },
      ]);
      await refuse({ channel: 'r', expireSeconds: '3600' }, [
        { field: 'expireSeconds', message: 'expireSeconds must be an integer number' },
      ]);
    });

    it('an expiry above TOKEN_MAX_EXPIRE_SECONDS, for the token and each privilege', async () => {
      await refuse({ channel: 'r', expireSeconds: 43201 }, [
        { field: 'expireSeconds', message: 'expireSeconds must not be greater than 43200 (the configured maximum)' },
      ]);
      await refuse({ channel: 'r', privileges: { joinChannel: 50000 } }, [
        {
          field: 'privileges.joinChannel',
          message: 'privileges.joinChannel must not be greater than 43200 (the configured maximum)',
        },
      ]);
    });

    it('unknown fields, rather than dropping them', () =>
      refuse({ channel: 'r', uid: 1, userAccount: 'x' }, [
        { field: 'userAccount', message: 'property userAccount should not exist' },
      ]));
  });
});
