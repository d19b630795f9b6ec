import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

const URL = '/v1/rtm/token';
const CHANNELS = 'must be a list of 1 to 16 distinct channel names (1 to 63 bytes of a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,) or * for any channel';

describe('POST /v1/rtm/token with permissions', () => {
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

  it('limits the login to the lists asked for (an RTM2 service, no plain login) and echoes them', async () => {
    const permissions = {
      messageChannels: { read: ['lobby', '*'], write: ['lobby'] },
      streamChannels: { read: ['live-1'] },
      users: { write: ['bob'] },
    };
    const response = await postJson(app, URL, { userId: 'alice', permissions, expireSeconds: 600 });
    const body = response.json();
    const token = decodeToken(body.token);

    expect(response.statusCode).toBe(200);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect([token.serviceCount, token.rtm, token.rtc, token.expire]).toEqual([1, undefined, undefined, 600]);
    expect(token.rtm2).toEqual({ userId: 'alice', privileges: { login: 600 }, permissions });
    expect(body).toMatchObject({ userId: 'alice', permissions, expireSeconds: 600 });
    expect(body).not.toHaveProperty('channel');
  });

  describe('refuses', () => {
    it('entries that are not channel names, duplicates, empty and oversized lists', async () => {
      for (const read of [[], ['a/b'], ['room-*'], ['x'.repeat(64)], ['a', 'a'], Array.from({ length: 17 }, (_, i) => `c${i}`), 'lobby', [42]]) {
        await refuse({ userId: 'a', permissions: { messageChannels: { read } } }, [{ field: 'permissions.messageChannels.read', message: `read ${CHANNELS}` }]);
      }
    });

    it('user entries that are not user ids', async () => {
      const message = 'write must be a list of 1 to 16 distinct user ids (1 to 64 bytes)';
      await refuse({ userId: 'a', permissions: { users: { write: ['ü'.repeat(33)] } } }, [{ field: 'permissions.users.write', message }]);
    });

    it('empty permissions, empty resource types and unknown names', async () => {
      await refuse({ userId: 'a', permissions: {} }, [{ field: 'permissions', message: 'permissions must name messageChannels, streamChannels or users' }]);
      await refuse({ userId: 'a', permissions: { streamChannels: {} } }, [{ field: 'permissions.streamChannels', message: 'streamChannels must name read or write' }]);
      const unknown = await postJson(app, URL, { userId: 'a', permissions: { groupChannels: { read: ['g'] } } });
      expect(unknown.statusCode).toBe(400);
      expect(JSON.stringify(unknown.json())).toContain('groupChannels');
    });

    it('permissions with a stream channel, and with format 006', async () => {
      const permissions = { messageChannels: { read: ['lobby'] } };
      await refuse({ userId: 'a', channel: 'live', permissions }, [
        { field: 'permissions', message: 'permissions and channel cannot be used together; send one of them' },
      ]);
      await refuse({ userId: 'a', format: '006', permissions }, [
        { field: 'format', message: 'format 006 cannot carry permissions; leave it out or use format 007' },
      ]);
    });

    it('any list that is not a list of valid channel names (generated)', async () => {
      const notAList = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.string()));
      const badName = fc.string().filter((name) => !/^([a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,63}|\*)$/.test(name));
      const badList = fc.oneof(notAList, fc.array(fc.string({ maxLength: 10 })).chain((good) => badName.map((bad) => [...good, bad])));
      await fc.assert(
        fc.asyncProperty(badList, async (write) => {
          const response = await postJson(app, URL, { userId: 'a', permissions: { messageChannels: { write } } });
          expect(response.statusCode).toBe(400);
        }),
        { numRuns: 60 },
      );
    });
  });
});

describe('permissions under caller policies', () => {
  const key = newApiKey();
  const wide = newApiKey();
  let jwks: JwksServer;
  let keys: NestFastifyApplication;
  let users: NestFastifyApplication;
  beforeAll(async () => {
    keys = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'team', key, kinds: ['rtm'], channels: ['team-*'] },
        { id: 'any', key: wide, kinds: ['rtm'], channels: ['*'] },
      ]),
    });
    jwks = await JwksServer.start();
    users = await createTestApp({ ...jwks.env(), JWT_CHANNELS_CLAIM: 'channels' });
  });
  afterAll(async () => {
    await Promise.all([keys.close(), users.close()]);
    await jwks.stop();
  });

  const asKey = (apiKey: string, permissions: unknown) => postJson(keys, URL, { userId: 'alice', permissions }, { 'x-api-key': apiKey });

  it("API keys: every channel named must be within the key's channels; * needs a key that allows every channel", async () => {
    expect((await asKey(key, { messageChannels: { read: ['team-1'], write: ['team-2'] } })).statusCode).toBe(200);

    const outside = await asKey(key, { messageChannels: { read: ['team-1'] }, streamChannels: { write: ['other'] } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({
      rule: 'channels',
      detail: 'Refused by rule channels: this API key may not get tokens for channel "other" (permissions.streamChannels.write).',
    });
    const wildcard = await asKey(key, { messageChannels: { read: ['*'] } });
    expect([wildcard.statusCode, wildcard.json().rule]).toEqual([403, 'channels']);
    expect((await asKey(wide, { messageChannels: { read: ['*'] } })).statusCode).toBe(200);
  });

  it('end users: bound to their identity, channels within their claim, and no user permissions', async () => {
    const alice = await jwks.sign({ sub: 'alice', channels: ['team-*'] });
    const post = (body: unknown) => postJson(users, URL, body, { authorization: `Bearer ${alice}` });

    const own = await post({ permissions: { messageChannels: { read: ['team-1'] } } });
    expect(own.statusCode).toBe(200);
    expect(decodeToken(own.json().token).rtm2?.userId).toBe('alice');

    expect((await post({ userId: 'bob', permissions: { messageChannels: { read: ['team-1'] } } })).json()).toMatchObject({ rule: 'identity' });
    const outside = await post({ permissions: { messageChannels: { write: ['lobby'] } } });
    expect([outside.statusCode, outside.json().rule]).toEqual([403, 'channels']);
    const wildcard = await post({ permissions: { streamChannels: { read: ['*'] } } });
    expect([wildcard.statusCode, wildcard.json().rule]).toEqual([403, 'channels']);
    const peers = await post({ permissions: { users: { write: ['bob'] } } });
    expect([peers.statusCode, peers.json().rule]).toEqual([403, 'permissions.users']);
  });
});
