import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { get } from './support/http.js';
import { decodeIssued, fieldErrors, nowSeconds, publisher, subscriber } from './support/legacy-tokens.js';
import { createTestApp } from './support/test-app.js';

/**
 * agora-token-service's GET routes with an empty user segment (`/rtc/demo/publisher/uid//`), which the
 * Go server's router matched with an empty parameter and its handlers read as "0". The ported Go tests
 * (compat-go-server-cases) pin its own case; these pin every other user segment.
 */
describe('agora-token-service routes with an empty user segment', () => {
  let app: NestFastifyApplication;
  let before: number;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    before = nowSeconds();
  });

  it('reads an empty uid as uid 0 (any user), answered like the documented route', async () => {
    const response = await get(app, '/rtc/demo/subscriber/uid//?expiry=300');

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(response.json())).toEqual(['rtcToken']);
    expect(decodeIssued(response.json().rtcToken, before).rtc).toEqual({ channel: 'demo', uid: '', privileges: subscriber(300) });
  });

  it('reads an empty user account as the account "0", which the Go server signed, not as any user', async () => {
    const token = decodeIssued((await get(app, '/rtc/demo/publisher/userAccount//')).json().rtcToken, before);

    expect(token.rtc).toEqual({ channel: 'demo', uid: '0', privileges: publisher(3600) });
  });

  it('signs uid 0 and the RTM user for /rte/…/uid//rtmid, and the RTC user as RTM user for /rte/…/uid/42//', async () => {
    const empty = (await get(app, '/rte/demo/publisher/uid//rtmid/')).json();
    const emptyRtm = (await get(app, '/rte/demo/publisher/uid/42//')).json();

    expect(decodeIssued(empty.rtcToken, before).rtc).toEqual({ channel: 'demo', uid: '', privileges: publisher(3600) });
    expect(decodeIssued(empty.rtmToken, before).rtm?.userId).toBe('rtmid');
    expect(decodeIssued(emptyRtm.rtcToken, before).rtc?.uid).toBe('42');
    expect(decodeIssued(emptyRtm.rtmToken, before).rtm?.userId).toBe('42');
  });

  it('refuses /rte with an empty RTC user and no RTM user, as the Go server did', async () => {
    for (const url of ['/rte/demo/publisher/uid//', '/rte/demo/publisher/uid///', '/rte/demo/publisher/userAccount//']) {
      expect([url, fieldErrors(await get(app, url))]).toEqual([
        url,
        [{ field: 'rtmuid', message: 'rtmuid is required when rtcuid is 0, which names no Signaling user' }],
      ]);
    }
  });

  it('refuses an empty RTM or Chat user with a 400 naming it, as the Go server did', async () => {
    expect(fieldErrors(await get(app, '/rtm//?expiry=60'))).toEqual([{ field: 'uid', message: 'uid is required' }]);
    expect(fieldErrors(await get(app, '/chat/account//'))).toEqual([{ field: 'chatid', message: 'chatid is required' }]);
  });

  it('still applies the rules of the route: token type, channel and expiry', async () => {
    expect(fieldErrors(await get(app, '/rtc/demo/publisher/nonsense//')).map((e) => e.field)).toEqual(['tokenType']);
    expect(fieldErrors(await get(app, `/rtc/${'c'.repeat(64)}/publisher/uid//`)).map((e) => e.field)).toEqual(['channelName']);
    expect(fieldErrors(await get(app, '/rte/demo/publisher/uid//bob?expiry=86401')).map((e) => e.field)).toEqual(['expiry']);
  });

  it('answers 404 to a missing user segment, as the Go server did, and to an empty channel, role or token type (README route map)', async () => {
    for (const url of ['/rtc/demo/publisher/uid/', '/rtc/demo/publisher/uid///', '/rtc//publisher/uid/1', '/rtc/demo//uid/1', '/rtc/demo/publisher//1']) {
      expect([url, (await get(app, url)).statusCode]).toEqual([url, 404]);
    }
  });
});
