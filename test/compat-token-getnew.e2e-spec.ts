import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeIssued, nowSeconds, publisher, subscriber } from './support/legacy-tokens.js';
import { createTestApp } from './support/test-app.js';

/** Channel names Agora allows (ASCII, so 1 to 63 characters is 1 to 63 bytes). */
const channels = fc.stringMatching(/^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,63}$/);
const uids = fc.integer({ min: 1, max: 2 ** 32 - 1 });
/** User accounts and user ids that are not numbers (a string of digits is a uid on the rtc route). */
const accounts = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,40}$/);

/**
 * The fork's `POST /token/getNew` ("Agora Backend Webservice"), with the bodies its clients send: one route for
 * RTC (uid or account), RTM and Chat (user or app) tokens, answered `{"token"}` as JSON (its fork of
 * agora-token-service answered JSON, where agora-token-service's `/getToken` answered raw text). Tokens are
 * decoded; refusals are 4xx problems, never a 5xx; the caller's policy applies as on /v1.
 */
describe('The Go fork’s POST /token/getNew (e2e)', () => {
  let app: NestFastifyApplication;
  const keys = { all: newApiKey(), rtcTeams: newApiKey(), rtmOnly: newApiKey(), chatUsers: newApiKey() };
  const as = (key: string) => ({ 'x-api-key': key });
  const getNew = (payload: object, headers = as(keys.all)) => app.inject({ method: 'POST', url: '/token/getNew', headers, payload });

  beforeAll(async () => {
    app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'all', key: keys.all },
        { id: 'rtc-teams', key: keys.rtcTeams, kinds: ['rtc'], channels: ['team-*'] },
        { id: 'rtm-only', key: keys.rtmOnly, kinds: ['rtm'] },
        { id: 'chat-users', key: keys.chatUsers, kinds: ['chat'] },
      ]),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(() => app.close());

  it('issues RTC tokens for a numeric uid (publisher) and for an account (subscriber by default, 3600 s)', async () => {
    await fc.assert(
      fc.asyncProperty(channels, uids, accounts, fc.integer({ min: 1, max: 86_400 }), async (channel, uid, account, expire) => {
        const before = nowSeconds();
        const numeric = await getNew({ tokenType: 'rtc', channel, uid: String(uid), role: 'publisher', expire });
        const named = await getNew({ tokenType: 'rtc', channel, uid: account });

        expect({ status: numeric.statusCode, type: numeric.headers['content-type'], keys: Object.keys(numeric.json()) }).toEqual({ status: 200, type: 'application/json; charset=utf-8', keys: ['token'] });
        const first = decodeIssued(numeric.json().token, before);
        expect({ expire: first.expire, rtc: first.rtc, services: first.serviceCount }).toEqual({ expire, rtc: { channel, uid: String(uid), privileges: publisher(expire) }, services: 1 });
        const second = decodeIssued(named.json().token, before);
        expect({ expire: second.expire, rtc: second.rtc }).toEqual({ expire: 3600, rtc: { channel, uid: account, privileges: subscriber(3600) } });
      }),
      { numRuns: 20 },
    );
  });

  it('issues RTM tokens for a user, and Chat user tokens, or app tokens without a uid', async () => {
    await fc.assert(
      fc.asyncProperty(accounts, async (user) => {
        const before = nowSeconds();
        const rtm = decodeIssued((await getNew({ tokenType: 'rtm', uid: user, expire: 600 })).json().token, before);
        const chatUser = decodeIssued((await getNew({ tokenType: 'chat', uid: user })).json().token, before);
        const chatApp = decodeIssued((await getNew({ tokenType: 'chat' })).json().token, before);

        expect({ expire: rtm.expire, rtm: rtm.rtm }).toEqual({ expire: 600, rtm: { userId: user, privileges: { login: 600 } } });
        expect(chatUser.chat).toEqual({ userId: user, privileges: { user: 3600 } });
        expect(chatApp.chat).toEqual({ userId: '', privileges: { app: 3600 } });
      }),
      { numRuns: 15 },
    );
  });

  it('refuses an unsupported tokenType and a missing channel or uid with a 400 naming the field, as the fork did (400)', async () => {
    const refused = async (body: object) => {
      const answer = await getNew(body);
      return { status: answer.statusCode, type: answer.headers['content-type'], fields: answer.json<{ errors?: Array<{ field: string }> }>().errors?.map(({ field }) => field) };
    };
    const problem = (fields: string[]) => ({ status: 400, type: expect.stringContaining('application/problem+json'), fields });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }).filter((type) => !['rtc', 'rtm', 'chat'].includes(type)), async (tokenType) => {
        expect(await refused({ tokenType, channel: 'test-channel', uid: '1234' })).toEqual(problem(['tokenType']));
      }),
      { numRuns: 20 },
    );
    expect(await refused({ tokenType: 'rtc' })).toEqual(problem(['channel']));
    expect(await refused({ tokenType: 'rtc', channel: 'test-channel' })).toEqual(problem(['uid']));
    expect(await refused({ tokenType: 'rtm', expire: 1800 })).toEqual(problem(['uid']));
    // A lifetime sent as text is refused as not a whole number, not as out of range.
    const text = await getNew({ tokenType: 'rtc', channel: 'c', uid: '42', expire: '60' });
    expect(text.json<{ errors: Array<{ field: string; message: string }> }>().errors[0]).toEqual({ field: 'expire', message: 'expire must be an integer number' });
  });

  it('never answers a 5xx to any body of its fields (fast-check)', async () => {
    const value = fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
    const body = fc.dictionary(fc.constantFrom('tokenType', 'channel', 'uid', 'role', 'expire'), value, { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const { statusCode } = await getNew(payload);
        expect({ payload, statusCode, fine: statusCode === 200 || (statusCode >= 400 && statusCode < 500) }).toEqual({ payload, statusCode, fine: true });
      }),
      { numRuns: 100 },
    );
  });

  it('applies the caller’s policy: the kinds and channels of its API key', async () => {
    const rule = async (key: string, body: object) => {
      const answer = await getNew(body, as(key));
      return { status: answer.statusCode, rule: answer.json<{ rule?: string }>().rule };
    };

    expect(await rule(keys.rtmOnly, { tokenType: 'rtc', channel: 'team-1', uid: '42' })).toEqual({ status: 403, rule: 'kinds' });
    expect(await rule(keys.rtcTeams, { tokenType: 'rtc', channel: 'lobby', uid: '42' })).toEqual({ status: 403, rule: 'channels' });
    expect(await rule(keys.rtcTeams, { tokenType: 'rtc', channel: 'team-1', uid: '42' })).toEqual({ status: 200, rule: undefined });
    expect(await rule(keys.chatUsers, { tokenType: 'chat', uid: 'alice' })).toEqual({ status: 200, rule: undefined });
    // A Chat app token carries app-wide REST privileges: a kind of its own (chat-app), which `chat` does not grant.
    expect(await rule(keys.chatUsers, { tokenType: 'chat' })).toEqual({ status: 403, rule: 'kinds' });
    expect(await rule(keys.rtmOnly, { tokenType: 'rtm', uid: 'alice' })).toEqual({ status: 200, rule: undefined });
  });
});
