import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken } from './support/decode-token.js';
import type { FakeAgoraRecording } from './support/fake-agora-recording.js';
import { startRecordingApp, type RecordingApp } from './support/recording-app.js';

/**
 * What a start takes: any channel name Agora allows (under a file prefix Agora accepts), the configuration each
 * mode takes, storage by profile name only; random bodies never get a 5xx, and Agora hears only of a body the
 * service accepted.
 */
describe('Cloud recording: the start request (e2e, fake Agora)', () => {
  let recording: RecordingApp;
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    recording = await startRecordingApp();
    ({ fake, app, headers } = recording);
  });
  afterAll(() => recording.close());

  const start = (payload: object) => app.inject({ method: 'POST', url: '/v1/recordings', headers, payload });
  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('refuses a web recording larger than 1920 × 1080 pixels with a 400 naming both sizes, and takes any size within it', async () => {
    const size = fc.record({ videoWidth: fc.integer({ min: 480, max: 1920 }), videoHeight: fc.integer({ min: 480, max: 1920 }) });
    await fc.assert(
      fc.asyncProperty(size, async ({ videoWidth, videoHeight }) => {
        const before = fake.requests('acquire').length;
        const serviceParam = { url: 'https://example.com/stage', audioProfile: 0, videoWidth, videoHeight, maxRecordingHour: 1 };
        const answer = await start({ channel: 'sized', mode: 'web', extensionServiceConfig: { extensionServices: [{ serviceName: 'web_recorder_service', serviceParam }] } });

        if (videoWidth * videoHeight > 1920 * 1080) {
          expect(answer.statusCode).toBe(400);
          const where = 'extensionServiceConfig.extensionServices.0.serviceParam';
          expect(answer.json<{ errors: unknown }>().errors).toEqual(
            ['videoWidth', 'videoHeight'].map((field) => ({ field: `${where}.${field}`, message: 'videoWidth × videoHeight must be at most 1920 × 1080' })),
          );
          expect(fake.requests('acquire').length).toBe(before);
        } else {
          expect(answer.statusCode).toBe(201);
          await call('DELETE', `/v1/recordings/${answer.json<{ id: string }>().id}?async=true`);
        }
      }),
      { numRuns: 30, examples: [[{ videoWidth: 1920, videoHeight: 1080 }], [{ videoWidth: 1080, videoHeight: 1920 }], [{ videoWidth: 1920, videoHeight: 1920 }]] },
    );
  });

  it('records any channel name Agora allows, under a prefix of its letters and digits, with a token for that channel', async () => {
    const channelChar = fc.constantFrom(...'abcXYZ019 !#$%&()+-:;<=.>?@[]^_{|}~,');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: channelChar, minLength: 1, maxLength: 63 }), async (channel) => {
        const started = await start({ channel, mode: 'mix' });
        const { sid, uid, id } = started.json<{ sid: string; uid: string; id: string }>();
        expect(started.statusCode).toBe(201);
        const { clientRequest } = fake.sessions.get(sid)! as unknown as { clientRequest: { token: string; storageConfig: { fileNamePrefix: string[] } } };
        const prefix = clientRequest.storageConfig.fileNamePrefix;
        expect(prefix.every((part) => /^[A-Za-z0-9]+$/.test(part))).toBe(true);
        expect(prefix.join('/').length).toBeLessThanOrEqual(128);
        expect(prefix.slice(0, -2).join('')).toBe(channel.replace(/[^A-Za-z0-9]/g, ''));
        expect(decodeToken(clientRequest.token).rtc).toEqual({ channel, uid, privileges: { joinChannel: 86_400 } });
        expect((await call('DELETE', `/v1/recordings/${id}?async=true`)).statusCode).toBe(200);
      }),
      { numRuns: 25 },
    );
  });

  it('never answers a 5xx to random bodies, and calls Agora only for a body it accepted', async () => {
    const names = ['channel', 'mode', 'storage', 'project', 'recordingConfig', 'recordingFileConfig', 'snapshotConfig', 'extensionServiceConfig',
      'transcodingConfig', 'layoutConfig', 'extensionServices', 'serviceName', 'serviceParam', 'avFileType', 'subscribeAudioUids', 'x_axis', 'url'];
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('mix', 'web', 'individual', 'web_recorder_service', '42', 0.5), tie('object'), fc.array(tie('any'), { maxLength: 3 })),
      object: fc.dictionary(fc.constantFrom(...names), tie('any'), { maxKeys: 4 }),
    }));
    await fc.assert(
      fc.asyncProperty(value.object, async (payload) => {
        const before = fake.agora.requests.length;
        const answer = await start({ channel: 'fuzz-room', mode: 'mix', ...payload });
        expect({ status: answer.statusCode < 500, json: answer.headers['content-type'] }).toEqual({ status: true, json: expect.stringMatching(/^application\/(problem\+)?json/) });
        if (answer.statusCode >= 400) expect(fake.agora.requests.length).toBe(before);
        else await call('DELETE', `/v1/recordings/${answer.json<{ id: string }>().id}?async=true`);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses what a mode does not take, an unknown storage profile and raw storage keys with a 400 naming the field', async () => {
    const requests = fake.agora.requests.length;
    const refusals = [
      [{ channel: 'r', mode: 'web' }, 'extensionServiceConfig'],
      [{ channel: 'r', mode: 'mix', snapshotConfig: { fileType: ['jpg'] } }, 'snapshotConfig'],
      [{ channel: 'r', mode: 'individual', recordingConfig: { transcodingConfig: { width: 640 } } }, 'recordingConfig.transcodingConfig'],
      [{ channel: 'r', mode: 'mix', storage: 'elsewhere' }, 'storage'],
      [{ channel: 'r', mode: 'mix', recordingConfig: { subscribeAudioUids: ['0'] } }, 'recordingConfig.subscribeAudioUids'],
      [{ channel: 'r', mode: 'mix', recordingConfig: { subscribeAudioUids: ['4294967296'] } }, 'recordingConfig.subscribeAudioUids'],
      [{ channel: 'r', mode: 'mix', storageConfig: { accessKey: 'mine', secretKey: 'mine' } }, 'storageConfig'],
      [{ channel: 'r', mode: 'loop' }, 'mode'],
    ] as const;
    for (const [payload, field] of refusals) {
      const answer = await start(payload);
      expect({ field, status: answer.statusCode, fields: answer.json<{ errors?: Array<{ field: string }> }>().errors?.map((error) => error.field) }).toEqual({
        field,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    expect((await start({ channel: 'r', mode: 'mix', storageConfig: {} })).json<{ errors: unknown }>().errors).toEqual([
      { field: 'storageConfig', message: 'storageConfig is not taken from requests: name a configured storage profile in storage' },
    ]);
    expect(fake.agora.requests.length).toBe(requests);
  });
});
