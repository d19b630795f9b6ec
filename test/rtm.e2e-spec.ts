import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const URL = '/v1/rtm/token';

describe('POST /v1/rtm/token', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const refuse = async (body: unknown, errors: Array<{ field: string; message: string }>) => {
    const response = await postJson(app, URL, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationProblem(URL, errors));
  };

  it('issues a Signaling login token for the user, never cached', async () => {
    const response = await postJson(app, URL, { userId: 'alice', expireSeconds: 900 });
    const body = response.json();
    const token = decodeToken(body.token);

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.expire).toBe(900);
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 900 } });
    expect(token.rtc).toBeUndefined();
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      userId: 'alice',
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 900) * 1000).toISOString(),
      expireSeconds: 900,
    });
  });

  it('logs a caller who names no user in as a fresh user id, and answers with it', async () => {
    const answers = await Promise.all([postJson(app, URL, {}), app.inject({ method: 'POST', url: URL })]);
    const [first, second] = answers.map((response) => response.json<{ token: string; userId: string }>());

    expect(answers.map((response) => response.statusCode)).toEqual([200, 200]);
    for (const body of [first, second]) {
      const token = decodeToken(body.token);
      expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
      expect(token.rtm).toEqual({ userId: body.userId, privileges: { login: 3600 } });
      expect(body.userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(first.userId).not.toBe(second.userId);
  });

  it('defaults to an hour', async () => {
    const body = (await postJson(app, URL, { userId: 'bob' })).json();

    expect(decodeToken(body.token).expire).toBe(3600);
    expect(body.expireSeconds).toBe(3600);
  });

  it('covers a stream channel with join and publish-data for the user', async () => {
    const body = (await postJson(app, URL, { userId: 'alice', channel: 'live-1' })).json();
    const token = decodeToken(body.token);

    expect(token.rtc).toEqual({ channel: 'live-1', uid: 'alice', privileges: { joinChannel: 3600, publishData: 3600 } });
    expect(token.rtm?.userId).toBe('alice');
    expect(body.channel).toBe('live-1');
  });

  it('accepts the * wildcard stream channel', async () => {
    const body = (await postJson(app, URL, { userId: 'alice', channel: '*' })).json();

    expect(decodeToken(body.token).rtc?.channel).toBe('*');
  });

  describe('refuses', () => {
    it('an empty or over-64-byte userId', async () => {
      await refuse({ userId: '' }, [{ field: 'userId', message: 'userId must be 1 to 64 bytes' }]);
      await refuse({ userId: 'ü'.repeat(33) }, [{ field: 'userId', message: 'userId must be 1 to 64 bytes' }]);
    });

    it('a userId that is not a string', () =>
      refuse({ userId: 42 }, [{ field: 'userId', message: 'userId must be a string' }]));

    it('a channel outside the character set, or a partial wildcard', async () => {
      const message =
        'channel may use only a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,, or be * for any channel';
      await refuse({ userId: 'a', channel: 'a/b' }, [{ field: 'channel', message }]);
      await refuse({ userId: 'a', channel: 'room-*' }, [{ field: 'channel', message }]);
    });

    it('an expiry over 24 h', () =>
      refuse({ userId: 'a', expireSeconds: 90000 }, [
        { field: 'expireSeconds', message: 'expireSeconds must not be greater than 86400' },
      ]));

    it('unknown fields', () =>
      refuse({ userId: 'a', uid: 'a' }, [{ field: 'uid', message: 'property uid should not exist' }]));
  });
});
