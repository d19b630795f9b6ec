import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import type { FakeAgora, FakeAnswer, RecordedRequest } from './support/fake-agora.js';
import type { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const STREAM = 'https://media.example.com/live/show.flv';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The Go fork's /rtmp/pull routes, in its request and answer shapes, on the /v1 media pull service. */
describe('Agora Backend Webservice: /rtmp/pull (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;
  const other = newApiKey();
  let requestNumber = 0;

  beforeAll(async () => {
    const owner = newApiKey();
    pull = await startMediaPullApp({
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'fork-client', key: owner, kinds: ['media-pull'] },
        { id: 'other', key: other, kinds: ['media-pull'] },
      ]),
    });
    ({ fake, app } = pull);
    headers = { 'x-api-key': owner };
  });
  afterAll(() => pull.close());

  const post = (route: string, payload: object, extra: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/rtmp/pull/${route}`, headers: { ...headers, 'x-request-id': `fork-${++requestNumber}`, ...extra }, payload });
  const start = async (payload: object = {}) => (await post('start', { channelName: 'test_channel', streamUrl: STREAM, region: 'eu', ...payload })).json<{ player: { id: string; uid?: string } }>();

  it('starts a player in the fork’s shape, with a token for exactly its uid, the request id sent on to Agora', async () => {
    const answer = await post('start', { channelName: 'test_channel', streamUrl: STREAM, region: 'eu', uid: '1001', idleTimeOut: 120 }, { 'x-request-id': 'client-req-1' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toEqual({
      player: { id: expect.any(String), createTs: expect.any(Number), uid: '1001' },
      fields: 'player.uid,player.id,player.createTs',
      timestamp: expect.stringMatching(TIMESTAMP),
    });
    const sent = fake.requests('create').at(-1)!;
    expect(sent.params.region).toBe('eu');
    expect(sent.headers['x-request-id']).toBe('client-req-1');
    const player = (sent.body as { player: Record<string, unknown> }).player;
    // Agora takes a number, and idleTimeout spelt so (the fork sent a string uid and idleTimeOut).
    expect(player).toEqual(expect.objectContaining({ channelName: 'test_channel', uid: 1001, idleTimeout: 120 }));
    const token = decodeToken(player.token as string);
    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.rtc).toEqual({ channel: 'test_channel', uid: '1001', privileges: { joinChannel: 86400, publishAudio: 86400, publishVideo: 86400 } });
  });

  it('answers a start whose answer Agora lost with the player it started, found by its name', async () => {
    const own = fake.responder('create') as (request: RecordedRequest, agora: FakeAgora) => Promise<FakeAnswer>;
    fake.on('create', async (request, agora) => (await own(request, agora), { destroy: true }), fake.responder('create'));
    const answer = await post('start', { channelName: 'lost_channel', streamUrl: STREAM, region: 'eu', uid: '77' });
    fake.on('create', fake.responder('create'));
    expect(answer.statusCode).toBe(200);
    const [running] = fake.running('lost_channel');
    expect(answer.json()).toEqual(expect.objectContaining({ player: { id: expect.any(String), createTs: expect.any(Number), uid: '77' } }));
    // The service's own clock when it found the player: the second Agora created it, or the next one.
    expect(answer.json<{ player: { createTs: number } }>().player.createTs - running.createTs).toBeGreaterThanOrEqual(0);
    expect(answer.json<{ player: { createTs: number } }>().player.createTs - running.createTs).toBeLessThanOrEqual(2);
    expect((await post('stop', { playerId: answer.json<{ player: { id: string } }>().player.id })).statusCode).toBe(200);
    expect(fake.running('lost_channel')).toHaveLength(0);
  });

  it('keeps the fork’s X-Request-ID and region rules and its own 400 bodies for them, before calling Agora', async () => {
    const before = fake.requests('create').length;
    const noId = await app.inject({ method: 'POST', url: '/rtmp/pull/start', headers, payload: { channelName: 'c', streamUrl: STREAM, region: 'na' } });
    expect(noId.statusCode).toBe(400);
    expect(noId.json()).toEqual({ error: 'X-Request-ID header is required' });
    expect((await app.inject({ method: 'GET', url: '/rtmp/pull/list', headers })).json()).toEqual({ error: 'X-Request-ID header is required' });
    const badRegion = await post('start', { channelName: 'c', streamUrl: STREAM, region: 'us' });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json()).toEqual({ error: 'Invalid region specified.' });
    for (const [field, payload] of [['uid', { uid: '0' }], ['name', { name: 'not a name!' }], ['videoOptions.codec', { videoOptions: { codec: 'AV1' } }], ['encryptMode', { encryptMode: 'aes-128-gcm' }], ['streamUrl', { streamUrl: 'ftp://x/y' }]] as const) {
      const refused = await post('start', { channelName: 'c', streamUrl: STREAM, region: 'na', ...payload });
      expect(refused.json()).toEqual(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field })] }));
    }
    expect(fake.requests('create').length).toBe(before);
    // Gin read any body as JSON: so does the route.
    const asText = await post('start', {}, { 'content-type': 'text/plain' });
    expect(asText.statusCode).toBe(400);
    expect(asText.json<{ errors: Array<{ field: string }> }>().errors.map(({ field }) => field)).toEqual(['channelName', 'streamUrl']);
  });

  it('takes the fork’s documented start (RTMP_curl.md): playerName ignored, codec "H264" sent as Agora’s H.264', async () => {
    const answer = await post('start', {
      channelName: 'test_channel',
      streamUrl: 'rtmp://example.com/live/stream',
      region: 'na',
      playerName: 'test_player',
      audioOptions: { profile: 0 },
      videoOptions: { width: 1280, height: 720, frameRate: 30, bitrate: 2000, codec: 'H264' },
      idleTimeOut: 300,
    });
    expect(answer.statusCode).toBe(200);
    const player = (fake.requests('create').at(-1)!.body as { player: Record<string, unknown> }).player;
    expect(player).toEqual(
      expect.objectContaining({
        channelName: 'test_channel',
        streamUrl: 'rtmp://example.com/live/stream',
        idleTimeout: 300,
        audioOptions: { profile: 0 },
        videoOptions: { width: 1280, height: 720, frameRate: 30, bitrate: 2000, codec: 'H.264' },
      }),
    );
    expect(player).not.toHaveProperty('playerName');
    // The fork's own field, `name`, is taken and ignored as push's converterName is: the service names each player.
    expect((await post('start', { channelName: 'test_channel', streamUrl: STREAM, name: 'test_player', videoOptions: { codec: 'vp9' } })).statusCode).toBe(200);
    const named = (fake.requests('create').at(-1)!.body as { player: { name: string; videoOptions: unknown } }).player;
    expect(named.name).not.toBe('test_player');
    expect(named.videoOptions).toEqual({ codec: 'VP9' });
  });

  it('reads keys as the fork’s encoding/json did (any case, unknown ones ignored), values still judged; /v1 stays strict', async () => {
    /** Any casing of a name (the same letters, each upper or lower). */
    const casing = (name: string) =>
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) => [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(''));
    // Any JSON but a `__proto__` key, which the JSON parser refuses anywhere in any body, ignored field or not
    // (src/common/http/json-body.parser.ts; its own spec covers it).
    const anyJson = fc.jsonValue().filter((value) => !JSON.stringify(value).includes('"__proto__":'));
    const unknown = fc.dictionary(fc.constantFrom('playerName', 'extra', 'sequence', 'Tag'), anyJson, { minKeys: 1, maxKeys: 2 });
    await fc.assert(
      fc.asyncProperty(casing('playerId'), casing('seekPosition'), unknown, async (playerId, seekPosition, extra) => {
        // A wrong value under a key in any case is refused under the field's own name: the key named the field.
        const answer = await post('update', { ...extra, [playerId]: 42, [seekPosition]: -1 });
        expect(answer.statusCode).toBe(400);
        expect(answer.json<{ errors: Array<{ field: string }> }>().errors.map(({ field }) => field).sort()).toEqual(['playerId', 'seekPosition']);
      }),
      { numRuns: 25 },
    );
    const v1 = await app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel: 'test_channel', streamUrl: STREAM, playerName: 'x' } });
    expect([v1.statusCode, v1.json<{ errors: Array<{ field: string }> }>().errors.map(({ field }) => field)]).toEqual([400, ['playerName']]);
    const v1Case = await app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { Channel: 'test_channel', streamUrl: STREAM } });
    expect(v1Case.statusCode).toBe(400);
  });

  it('checks X-Request-ID before the body on every route, as the fork’s group middleware did', async () => {
    const before = fake.requests('create').length;
    for (const [url, payload] of [['start', { channelName: 7 }], ['stop', {}], ['update', { playerId: 'nope', isPause: 'yes' }]] as const) {
      const answer = await app.inject({ method: 'POST', url: `/rtmp/pull/${url}`, headers, payload });
      expect({ url, status: answer.statusCode, body: answer.json<unknown>() }).toEqual({ url, status: 400, body: { error: 'X-Request-ID header is required' } });
    }
    expect(fake.requests('create')).toHaveLength(before);
  });

  it('updates a player without a streamUrl, on the cloud player’s path, with the service’s increasing sequence', async () => {
    const { player } = await start();
    expect(fake.requests('create').at(-1)!.params.region).toBe('eu');
    const agoraId = [...fake.players.values()].at(-1)!.id;

    const first = await post('update', { playerId: player.id, region: 'eu', audioOptions: { volume: 30 }, isPause: true, sequenceId: 0 });
    expect(first.json()).toEqual({ status: 'Success', timestamp: expect.stringMatching(TIMESTAMP) });
    const second = await post('update', { playerId: player.id, seekPosition: 12, sequenceId: 0 });
    expect(second.statusCode).toBe(200);
    const updates = fake.players.get(agoraId)!.updates;
    expect(updates.map(({ player: change }) => change)).toEqual([{ audioOptions: { volume: 30 }, isPause: true }, { seekPosition: 12 }]);
    expect(updates[1].sequence).toBeGreaterThan(updates[0].sequence);
    expect(fake.requests('update').every(({ path }) => path.includes('/cloud-player/players/'))).toBe(true);

    expect((await post('update', { playerId: player.id, region: 'na', isPause: false })).json()).toEqual(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'region' })] }));
    expect((await post('update', { playerId: player.id })).statusCode).toBe(400);
  });

  it('lists the caller’s players in the shape of Agora’s list, without the stream URL, and stops them', async () => {
    const { player } = await start({ channelName: 'listed_channel', region: 'ap' });
    const list = await app.inject({ method: 'GET', url: '/rtmp/pull/list?channelName=listed_channel', headers: { ...headers, 'x-request-id': 'list-1' } });
    expect(list.json()).toEqual({
      totalSize: 1,
      players: [{ id: player.id, createTs: expect.any(Number), uid: player.uid, channelName: 'listed_channel', name: expect.any(String), region: 'ap', status: 'running' }],
      timestamp: expect.stringMatching(TIMESTAMP),
    });
    expect(list.body).not.toContain('media.example.com');
    const stranger = await app.inject({ method: 'GET', url: '/rtmp/pull/list', headers: { 'x-api-key': other, 'x-request-id': 'list-2' } });
    expect(stranger.json()).toEqual(expect.objectContaining({ totalSize: 0, players: [] }));

    expect((await post('stop', { playerId: player.id }, { 'x-api-key': other })).statusCode).toBe(404);
    expect((await post('stop', { playerId: player.id, region: 'ap' })).json()).toEqual({ status: 'Success', timestamp: expect.stringMatching(TIMESTAMP) });
    expect((await post('stop', { playerId: player.id })).json()).toEqual(expect.objectContaining({ status: 404, detail: 'Agora no longer has this player: it has ended.' }));
  });
});
