import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import type { FakeAnswer, FakeResponder } from './support/fake-agora.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { createTestApp } from './support/test-app.js';

/** Agora's answer for a recording it cannot find: after it stopped, and also while its worker moves in a failover. */
const WORKER_NOT_FOUND: FakeAnswer = { status: 404, body: { code: 404, reason: 'failed to find worker' } };

/**
 * Agora answers 404 "failed to find worker" both for an ended recording and during a failover. Stop and updates
 * repeat the call once before believing it (a recording is not reported stopped while it still runs); a GET of an
 * ended recording asks twice, not four times across hosts.
 */
describe('Cloud recording: "failed to find worker" during a failover (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  const key = newApiKey();
  const headers = { 'x-api-key': key };

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    // A fallback host, so a spec would see a 404 carried across hosts.
    app = await createTestApp({
      ...recordingEnv(fake),
      AGORA_API_FALLBACK_URL: fake.url,
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'recorder', key, kinds: ['recording'] }]),
    });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });
  afterEach(() => {
    for (const operation of ['stop', 'update', 'updateLayout', 'query'] as const) fake.on(operation, fake.responder(operation));
  });

  const started = async (channel: string) => {
    const answer = await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel, mode: 'mix' } });
    return answer.json<{ id: string; sid: string }>();
  };
  const requestsFor = (operation: 'stop' | 'update' | 'updateLayout' | 'query', sid: string) => fake.requests(operation).filter(({ path }) => path.includes(sid));

  it('repeats a stop Agora answered "failed to find worker" and answers the files of the recording that still ran', async () => {
    const { id, sid } = await started('moving-stop');
    fake.on('stop', WORKER_NOT_FOUND, fake.responder('stop'));
    const stopped = await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });

    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual(expect.objectContaining({ alreadyStopped: false, uploadingStatus: 'uploaded', fileListMode: 'string' }));
    expect(fake.sessions.get(sid)!.stopped).toBe(true);
    expect(requestsFor('stop', sid)).toHaveLength(2);
  });

  it('answers alreadyStopped only when the repeated stop also finds no worker', async () => {
    const { id, sid } = await started('gone-stop');
    await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });
    const again = await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });

    expect(again.json()).toEqual(expect.objectContaining({ alreadyStopped: true }));
    // The first stop, then the second one asked twice.
    expect(requestsFor('stop', sid)).toHaveLength(3);
  });

  it('repeats an update and a layout change through a failover 404 instead of answering "no longer runs"', async () => {
    const { id, sid } = await started('moving-update');
    fake.on('update', WORKER_NOT_FOUND, fake.responder('update'));
    fake.on('updateLayout', WORKER_NOT_FOUND, fake.responder('updateLayout'));
    const subscriptions = await app.inject({ method: 'PATCH', url: `/v1/recordings/${id}/subscriptions`, headers, payload: { subscribeAudioUids: ['42'] } });
    const layout = await app.inject({ method: 'PATCH', url: `/v1/recordings/${id}/layout`, headers, payload: { mixedVideoLayout: 1 } });

    expect([subscriptions.statusCode, layout.statusCode]).toEqual([200, 200]);
    expect([requestsFor('update', sid).length, requestsFor('updateLayout', sid).length]).toEqual([2, 2]);
    await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });
    const ended = await app.inject({ method: 'PATCH', url: `/v1/recordings/${id}/subscriptions`, headers, payload: { subscribeAudioUids: ['42'] } });
    expect(ended.statusCode).toBe(404);
  });

  it('asks about an ended recording twice, not four times across hosts, before answering 404', async () => {
    const { id, sid } = await started('ended-query');
    await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });
    const status = await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers });

    expect(status.statusCode).toBe(404);
    expect(requestsFor('query', sid)).toHaveLength(2);
  });

  it('answers a synchronous stop whose upload outlasted 20 s (Agora’s code 50) as stopped, its upload status unknown', async () => {
    const { id, sid } = await started('slow-upload');
    fake.on('stop', async (request) => {
      await (fake.responder('stop') as Exclude<FakeResponder, FakeAnswer>)(request, fake.agora);
      return { status: 200, body: { code: 50, reason: 'upload timeout' } };
    });
    const stopped = await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}`, headers });

    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toEqual(expect.objectContaining({ id, alreadyStopped: false, uploadingStatus: 'unknown' }));
    expect(fake.sessions.get(sid)!.stopped).toBe(true);
  });
});
