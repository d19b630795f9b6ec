import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TokenServiceClient } from '../clients/typescript/src/index.js';
import { startAgoraApp } from './support/agora-app.js';
import { decodeToken } from './support/decode-token.js';
import { FakeAgora } from './support/fake-agora.js';
import { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { FakeAgoraMediaPush } from './support/fake-agora-media-push.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { FakeAgoraStreamKeys } from './support/fake-agora-stream-keys.js';
import { FakeAgoraStt } from './support/fake-agora-stt.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { CLIENT_SPEC_OPERATIONS, listenLocally, trackedClient, type OperationName } from './support/typed-client.js';

/** Asserts a token the service signed for an Agora service's bot or player: genuine, for this channel and uid. */
function expectBotToken(token: string, channel: string, uid: string | number): void {
  const decoded = decodeToken(token);
  expect({ appId: decoded.appId, verifies: decoded.verifies(TEST_APP_CERTIFICATE), channel: decoded.rtc?.channel, uid: decoded.rtc?.uid }).toEqual({
    appId: TEST_APP_ID,
    verifies: true,
    channel,
    uid: String(uid),
  });
}

/**
 * The typed client driving the Agora-backed operations of the real app over a real port, against one fake Agora
 * playing cloud recording, STT, media push, cloud player and Media Gateway: each resource's whole life through the
 * generated functions, what reached Agora, and the answers as the client types them.
 */
describe('Typed client: Agora services (e2e, real port, fake Agora)', () => {
  const called = new Set<OperationName>();
  let fakes: { recording: FakeAgoraRecording; stt: FakeAgoraStt; push: FakeAgoraMediaPush; pull: FakeAgoraMediaPull; keys: FakeAgoraStreamKeys };
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  let client: TokenServiceClient;

  beforeAll(async () => {
    const agora = await FakeAgora.start([RECORDING_SECRETS]);
    fakes = {
      recording: new FakeAgoraRecording(agora),
      stt: new FakeAgoraStt(agora),
      push: new FakeAgoraMediaPush(agora),
      pull: new FakeAgoraMediaPull(agora),
      keys: new FakeAgoraStreamKeys(agora),
    };
    const kinds = ['recording', 'transcription', 'media-push', 'media-pull', 'stream-keys'];
    const started = await startAgoraApp({ close: () => agora.close() }, recordingEnv(agora), [{ id: 'backend', kinds }]);
    ({ app, close } = started);
    client = trackedClient({ baseUrl: await listenLocally(app), apiKey: started.keys.backend.key }, called);
  });
  afterAll(() => close());

  it('starts, reads, changes and stops a cloud recording', async () => {
    const { data: recording } = await client.startRecording({ body: { channel: 'team-demo', mode: 'mix' } });
    expect(recording).toMatchObject({ project: 'default', channel: 'team-demo', mode: 'mix' });
    expect(fakes.recording.sessions.get(recording!.sid)).toMatchObject({ resourceId: recording!.resourceId });
    const start = fakes.recording.requests('start').at(-1)!.body as { clientRequest: { token: string } };
    expectBotToken(start.clientRequest.token, 'team-demo', recording!.uid);
    const path = { path: { id: recording!.id } };

    expect((await client.getRecording({ params: path })).data).toMatchObject({ ...recording, state: 'recording' });
    const subscribed = await client.updateRecordingSubscriptions({ params: path, body: { subscribeAudioUids: ['42'] } });
    expect(subscribed.data).toEqual(recording);
    const layout = { mixedVideoLayout: 1 as const, backgroundColor: '#336699' };
    expect((await client.updateRecordingLayout({ params: path, body: layout })).data).toEqual(recording);
    expect(fakes.recording.requests('updateLayout').at(-1)!.body).toMatchObject({ cname: 'team-demo', clientRequest: layout });
    const stopped = await client.stopRecording({ params: path });
    expect(stopped.data).toMatchObject({ ...recording, alreadyStopped: false, uploadingStatus: 'uploaded' });
  });

  it('creates, lists, reads, updates and ends a transcription', async () => {
    const clock = jest.spyOn(Date, 'now');
    try {
      const { data: created } = await client.createTranscription({ body: { channel: 'captions-room', languages: ['en-US'] } });
      const agent = fakes.stt.agents.get(created!.agentId)!;
      expectBotToken(agent.config.rtcConfig.pubBotToken, 'captions-room', created!.botUid);
      const path = { path: { id: created!.id } };

      expect((await client.listTranscriptions({ params: { query: { channel: 'captions-room' } } })).data!.items).toEqual([expect.objectContaining({ id: created!.id })]);
      expect((await client.getTranscription({ params: path })).data).toEqual(created);
      // Agora's STT takes no update within 5 s of the start (test/support/transcription-app.ts): the clock moves past it.
      const now = Date.now();
      clock.mockImplementation(() => now + 5_000);
      expect((await client.updateTranscription({ params: path, body: { languages: ['fr-FR'] } })).data).toEqual(created);
      expect(agent.config.languages).toEqual(['fr-FR']);
      expect((await client.deleteTranscription({ params: path })).data).toEqual({ ...created, status: 'STOPPING', alreadyStopped: false });
      expect(agent.status).toBe('STOPPED');
    } finally {
      clock.mockRestore();
    }
  });

  it('creates, lists, reads, updates and deletes a media push converter', async () => {
    const rtmpUrl = 'rtmp://live.example.com/app/stream-key-1';
    const { data: created, response } = await client.createMediaPush({ body: { channel: 'show-1', rtcStreamUid: 201, rtmpUrl } });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ channel: 'show-1', mode: 'raw', rtmpUrl: 'rtmp://live.example.com/app/***' });
    expect(fakes.push.converters.get(created!.converterId)).toMatchObject({ channel: 'show-1' });
    const path = { path: { id: created!.id } };

    expect((await client.listMediaPush({ params: { query: { channel: 'show-1' } } })).data!.converters).toEqual([expect.objectContaining({ id: created!.id })]);
    expect((await client.getMediaPush({ params: path })).data).toMatchObject({ id: created!.id, converterId: created!.converterId });
    const updated = await client.updateMediaPush({ params: path, body: { rtmpUrl: 'rtmp://live.example.com/app/stream-key-2' } });
    expect(updated.response.status).toBe(200);
    expect(fakes.push.requests('update').at(-1)!.body).toMatchObject({ converter: { rtmpUrl: 'rtmp://live.example.com/app/stream-key-2' } });
    expect((await client.deleteMediaPush({ params: path })).response.status).toBe(204);
  });

  it('creates, lists, reads, updates and deletes a media pull player', async () => {
    const { data: created } = await client.createMediaPull({ body: { channel: 'pull-room', streamUrl: 'https://media.example.com/live/show.flv', uid: 1001 } });
    const player = fakes.pull.players.get(created!.playerId)!;
    expectBotToken(player.token!, 'pull-room', 1001);
    const path = { path: { id: created!.id } };

    expect((await client.listMediaPull({ params: { query: { channel: 'pull-room' } } })).data!.players).toEqual([{ ...created, status: 'running' }]);
    expect((await client.getMediaPull({ params: path })).data).toEqual({ ...created, status: 'running' });
    await client.updateMediaPull({ params: path, body: { volume: 40 } });
    expect(player.updates).toEqual([{ sequence: expect.any(Number), player: { audioOptions: { volume: 40 } } }]);
    expect((await client.deleteMediaPull({ params: path })).response.status).toBe(204);
    expect(player.deleted).toBe(true);
  });

  it('creates, lists, reads and revokes a stream key', async () => {
    const { data: created } = await client.createStreamKey({ body: { channel: 'live-stage', uid: 4242, expiresAfterSeconds: 3600 } });
    expect(fakes.keys.live().find(({ streamKey }) => streamKey === created!.streamKey)).toMatchObject({ channel: 'live-stage', uid: '4242' });
    expect(created!.ingest.rtmp.url).toBe(`${created!.ingest.rtmp.server}/${created!.streamKey}`);
    const path = { path: { id: created!.id } };
    const { streamKey, ingest, ...description } = created!;

    expect((await client.listStreamKeys()).data!.streamKeys).toEqual([description]);
    expect((await client.getStreamKey({ params: path })).data).toEqual(description);
    expect((await client.deleteStreamKey({ params: path })).data).toEqual(description);
    expect(fakes.keys.keys.get(streamKey)!.deleted).toBe(true);
  });

  it('called every Agora service operation through its generated function', () => {
    expect([...called].sort()).toEqual([...CLIENT_SPEC_OPERATIONS.agoraServices].sort());
  });
});
