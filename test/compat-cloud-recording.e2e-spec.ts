import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/** What the fork's start answers, and its later calls echo back. */
interface Named {
  cname: string;
  uid: string;
  resourceId: string;
  sid: string;
  timestamp: string;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * The Go fork's cloud recording routes ("Agora Backend Webservice"), called with the bodies its own documentation
 * gives, through the real app against a fake Agora: what reaches Agora, and the answers in the fork's shapes, with
 * each of its bugs fixed (status works, every file-list mode and web mode are read, the unsubscribe typo reaches
 * Agora under the documented key, the bot's token lasts as long as a token may).
 */
describe('The Go fork’s /cloud_recording routes (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  const headers = { 'x-api-key': newApiKey() };

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    app = await createTestApp({
      ...recordingEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'fork-client', key: headers['x-api-key'], kinds: ['recording'] }]),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.payloadKey = 'payload';
  });

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url: `/cloud_recording/${url}`, headers, payload });
  const status = (query: Record<string, string>) => app.inject({ method: 'GET', url: `/cloud_recording/status?${new URLSearchParams(query).toString()}`, headers });
  const start = async (payload: object): Promise<Named> => {
    const answer = await post('start', payload);
    expect({ status: answer.statusCode, body: answer.json<unknown>() }).toEqual({ status: 200, body: expect.objectContaining({ resourceId: expect.any(String) }) });
    return answer.json<Named>();
  };
  const echoed = ({ cname, uid, resourceId, sid }: Named) => ({ cname, uid, resourceId, sid });

  it('starts (the fork’s own example), reports, changes subscriptions and layout, and stops a mix recording', async () => {
    const started = await post('start', { channelName: 'test_channel', sceneMode: 'realtime', recordingMode: 'mix', excludeResourceIds: [] });

    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const named = started.json<Named>();
    expect(named).toEqual({ cname: 'test_channel', uid: expect.stringMatching(/^[1-9]\d*$/), resourceId: expect.any(String), sid: expect.stringMatching(/^[0-9a-f]{32}$/), timestamp: expect.stringMatching(RFC3339) });
    // The resourceId answered is the recording's signed id, which wraps Agora's: /v1 knows it by the same value.
    const session = fake.sessions.get(named.sid)!;
    expect(named.resourceId).not.toBe(session.resourceId);
    expect((await app.inject({ method: 'GET', url: `/v1/recordings/${named.resourceId}`, headers })).json()).toEqual(expect.objectContaining({ resourceId: session.resourceId, sid: named.sid }));
    const begin = fake.requests('start').at(-1)!;
    expect(begin.path).toBe(`/v1/apps/${TEST_APP_ID}/cloud_recording/resourceid/${encodeURIComponent(session.resourceId)}/mode/mix/start`);
    const { token, recordingConfig, storageConfig } = (begin.body as { clientRequest: Record<string, any> }).clientRequest;
    // The fork's default recordingConfig, without the individual-mode fields Agora refuses in mix mode.
    expect(recordingConfig).toEqual({ channelType: 0, streamTypes: 2, videoStreamType: 0, maxIdleTime: 120, subscribeAudioUids: ['#allstream#'], subscribeVideoUids: ['#allstream#'] });
    // A prefix of letters and digits only (the fork kept `_`, which Agora refuses), made for this request.
    expect(storageConfig.fileNamePrefix).toEqual(['testchannel', expect.stringMatching(/^\d{8}$/), expect.stringMatching(/^\d{6}$/)]);
    // The bot's token: for its uid, valid 24 h (the fork's lasted one hour, and a recording cannot renew it).
    const decoded = decodeToken(token);
    expect(decoded.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect({ expire: decoded.expire, rtc: decoded.rtc }).toEqual({ expire: 86_400, rtc: { channel: 'test_channel', uid: named.uid, privileges: { joinChannel: 86_400 } } });

    const report = await status({ resourceId: named.resourceId, sid: named.sid, mode: 'mix' });
    expect(report.statusCode).toBe(200);
    const playlist = `${storageConfig.fileNamePrefix.join('/')}/${named.sid}_test_channel.m3u8`;
    expect(report.json()).toEqual({
      ...echoed(named),
      timestamp: expect.stringMatching(RFC3339),
      serverResponse: { status: 5, fileListMode: 'string', fileList: playlist, sliceStartTime: 1562724971626 },
    });

    const lists = { audioUidList: { subscribeAudioUids: ['2345', '3456'] }, videoUidList: { subscribeVideoUids: ['2345', '3456'] } };
    const subscribed = await post('update/subscriber-list', { ...echoed(named), recordingMode: 'mix', recordingConfig: { streamSubscribe: lists } });
    expect({ status: subscribed.statusCode, body: subscribed.json() }).toEqual({ status: 200, body: { ...echoed(named), timestamp: expect.stringMatching(RFC3339) } });
    expect(fake.requests('update').at(-1)!.body).toEqual({ cname: 'test_channel', uid: named.uid, clientRequest: { streamSubscribe: lists } });

    const layout = { mixedVideoLayout: 3, backgroundColor: '#000000', layoutConfig: [{ uid: '2345', x_axis: 0, y_axis: 0, width: 0.5, height: 1, alpha: 1, render_mode: 1 }] };
    const relaid = await post('update/layout', { ...echoed(named), recordingMode: 'mix', recordingConfig: layout });
    expect({ status: relaid.statusCode, body: relaid.json() }).toEqual({ status: 200, body: { ...echoed(named), timestamp: expect.stringMatching(RFC3339) } });
    expect(fake.requests('updateLayout').at(-1)!.body).toEqual({ cname: 'test_channel', uid: named.uid, clientRequest: layout });

    const stopped = await post('stop', { ...echoed(named), recordingMode: 'mix', async_stop: false });
    expect(stopped.json()).toEqual({
      ...echoed(named),
      timestamp: expect.stringMatching(RFC3339),
      alreadyStopped: false,
      serverResponse: { fileListMode: 'string', fileList: playlist, uploadingStatus: 'uploaded' },
    });
    expect(fake.requests('stop').at(-1)!.body).toEqual({ cname: 'test_channel', uid: named.uid, clientRequest: { async_stop: false } });
    // A second stop: Agora no longer runs it, which is a stopped recording (the fork answered 500).
    expect((await post('stop', echoed(named))).json()).toEqual(expect.objectContaining({ alreadyStopped: true, serverResponse: {} }));
  });

  it.each([
    ['unsubscribeVideoUids', 'Agora’s spelling'],
    ['unsunscribeVideoUids', 'the fork’s typo'],
    ['unSubscribeVideoUids', 'Agora’s Go client’s spelling'],
  ])('sends a video unsubscribe list given as %s (%s) to Agora as unsubscribeVideoUids', async (spelling) => {
    const named = await start({ channelName: 'unsubscribe-room' });
    const streamSubscribe = { audioUidList: { unSubscribeAudioUids: ['42'] }, videoUidList: { [spelling]: ['3456'] } };
    const answer = await post('update/subscriber-list', { ...echoed(named), recordingConfig: { streamSubscribe } });

    expect(answer.statusCode).toBe(200);
    expect(fake.requests('update').at(-1)!.body).toEqual({
      cname: 'unsubscribe-room',
      uid: named.uid,
      clientRequest: { streamSubscribe: { audioUidList: { unsubscribeAudioUids: ['42'] }, videoUidList: { unsubscribeVideoUids: ['3456'] } } },
    });
    await post('stop', echoed(named));
  });

  it('reads json file lists (MP4 in mix mode, individual mode), stops asynchronously, and takes the older recordingId for sid', async () => {
    const mp4 = await start({ channelName: 'mp4-room', recordingFileConfig: { avFileType: ['hls', 'mp4'] } });
    const individual = await start({ channelName: 'solo', recordingMode: 'individual' });
    const individualConfig = (fake.requests('start').at(-1)!.body as { clientRequest: { recordingConfig: object } }).clientRequest.recordingConfig;

    expect(individualConfig).toEqual(expect.objectContaining({ streamMode: 'standard', subscribeUidGroup: 0, maxIdleTime: 120 }));
    for (const [named, mode, files] of [[mp4, 'mix', ['.m3u8', '_0.mp4']], [individual, 'individual', ['.m3u8']]] as const) {
      const serverResponse = (await status({ resourceId: named.resourceId, sid: named.sid, mode })).json<{ serverResponse: { fileListMode: string; fileList: Array<{ fileName: string }> } }>().serverResponse;
      expect(serverResponse.fileListMode).toBe('json');
      expect(serverResponse.fileList.map(({ fileName }) => fileName.slice(fileName.lastIndexOf(named.sid) + named.sid.length))).toEqual(files.map((suffix) => `_${named.cname}${suffix}`));
    }
    const stopped = await post('stop', { resourceId: individual.resourceId, recordingId: individual.sid, recordingMode: 'individual', async_stop: true });
    expect(stopped.json()).toEqual(expect.objectContaining({ alreadyStopped: false, sid: individual.sid, serverResponse: { uploadingStatus: 'unknown' } }));
    expect(fake.requests('stop').at(-1)!.path).toContain(`/sid/${individual.sid}/mode/individual/stop`);
    await post('stop', echoed(mp4));
  });

  it.each(['payload', 'playload'] as const)('records a web page (new here) and reads its extensionServiceState sent with %s', async (payloadKey) => {
    fake.payloadKey = payloadKey;
    const web = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 2 } };
    const named = await start({ channelName: 'stage', sceneMode: 'web', recordingMode: 'web', extensionServiceConfig: { extensionServices: [web] } });

    expect(fake.requests('acquire').at(-1)!.body).toEqual(expect.objectContaining({ clientRequest: expect.objectContaining({ scene: 1 }) }));
    const report = await status({ resourceId: named.resourceId, mode: 'web' });
    expect(report.json<{ serverResponse: unknown }>().serverResponse).toEqual({
      status: 5,
      extensionServiceState: [{ serviceName: 'web_recorder_service', payload: { fileList: [{ filename: expect.stringMatching(/\.m3u8$/), sliceStartTime: 1562724971626 }], onhold: false, state: 'inProgress' } }],
    });
    const stopped = await post('stop', echoed(named));
    expect(stopped.json<{ serverResponse: { extensionServiceState: unknown[] } }>().serverResponse.extensionServiceState).toEqual([
      { serviceName: 'upload_service', payload: { uploadingStatus: 'uploaded' } },
      expect.objectContaining({ serviceName: 'web_recorder_service', payload: expect.objectContaining({ state: 'exit' }) }),
    ]);
  });
});
