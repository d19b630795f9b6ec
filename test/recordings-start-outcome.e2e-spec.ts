import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import type { FakeAnswer, FakeResponder, RecordedRequest } from './support/fake-agora.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { captureLogs, createTestApp } from './support/test-app.js';

/**
 * A start whose outcome is unknown leaves a recording that bills until it ends: the service either finds its sid
 * (Agora's "already started" answer to a repeat) or says which recording may be running and how it ends.
 */
describe('Cloud recording: starts with an unknown outcome (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  const logs = captureLogs();
  const key = newApiKey();
  const headers = { 'x-api-key': key };

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    app = await createTestApp(
      { ...recordingEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'recorder', key, kinds: ['recording'] }]), LOG_LEVEL: 'warn' },
      { requestLogs: true, logStream: logs.stream, logger: undefined },
    );
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });
  afterEach(() => fake.on('start', fake.responder('start')));

  const start = (payload: object) => app.inject({ method: 'POST', url: '/v1/recordings', headers, payload });
  /** The fake's own start: it starts the recording. */
  const startRecording = (request: RecordedRequest) => (fake.responder('start') as Exclude<FakeResponder, FakeAnswer>)(request, fake.agora);
  /** Agora starts the recording, then answers 206 code 65 ("request not completed") all the same. */
  const startsThenNotCompleted = async (request: RecordedRequest): Promise<FakeAnswer> => {
    await startRecording(request);
    return { status: 206, body: { code: 65, reason: 'request not completed' } };
  };
  const running = (channel: string) => [...fake.sessions.values()].filter((session) => session.cname === channel && !session.stopped);

  it('takes the sid from Agora’s "already started" answer to a repeated start, and the recording can be stopped', async () => {
    const alreadyStarted = (): FakeAnswer => ({ status: 201, body: { code: 7, reason: 'already started', sid: running('repeat-with-sid')[0].sid } });
    fake.on('start', startsThenNotCompleted, alreadyStarted);
    const started = await start({ channel: 'repeat-with-sid', mode: 'mix' });

    expect(started.statusCode).toBe(201);
    const [session] = running('repeat-with-sid');
    const recording = started.json<{ id: string }>();
    expect(recording).toEqual(expect.objectContaining({ channel: 'repeat-with-sid', sid: session.sid, resourceId: session.resourceId }));
    const stopped = await app.inject({ method: 'DELETE', url: `/v1/recordings/${recording.id}`, headers });
    expect(stopped.json()).toEqual(expect.objectContaining({ alreadyStopped: false, uploadingStatus: 'uploaded' }));
    expect(session.stopped).toBe(true);
  });

  it('answers a repeat that Agora finds "already started" without a sid as a 502 naming the recording that may run', async () => {
    fake.on('start', startsThenNotCompleted, fake.responder('start'));
    const answer = await start({ channel: 'repeat-no-sid', mode: 'mix', recordingConfig: { maxIdleTime: 120 } });

    expect(answer.statusCode).toBe(502);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const [session] = running('repeat-no-sid');
    const body = answer.json<{ recording: unknown; detail: string; upstream: unknown }>();
    expect(body.recording).toEqual({ channel: 'repeat-no-sid', uid: session.uid, resourceId: session.resourceId });
    expect(body.upstream).toEqual({ status: 201, code: 7 });
    expect(body.detail).toContain('may be running');
    expect(body.detail).toContain('maxIdleTime (120 s)');
    expect(body.detail).toContain('token expires (86400 s');
    expect(JSON.stringify(body)).not.toContain(RECORDING_SECRETS.secretKey);
    const warning = logs.lines.find((line) => String(line.msg).includes(session.resourceId));
    expect(warning).toEqual(expect.objectContaining({ level: 'warn', context: 'CloudRecording' }));
    expect(String(warning!.msg)).toContain('outcome unknown');
  });

  it('answers a start whose connection broke after sending as a 502 naming the recording, a web one ending with maxRecordingHour', async () => {
    const starts = fake.requests('start').length;
    fake.on('start', async (request) => {
      await startRecording(request);
      return { destroy: true };
    });
    const web = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 3 } };
    const answer = await start({ channel: 'broken-web', mode: 'web', extensionServiceConfig: { extensionServices: [web] } });

    expect(answer.statusCode).toBe(502);
    const [session] = running('broken-web');
    const body = answer.json<{ recording: unknown; detail: string }>();
    expect(body.recording).toEqual({ channel: 'broken-web', uid: session.uid, resourceId: session.resourceId });
    expect(body.detail).toContain('connection to Agora broke');
    expect(body.detail).toContain('maxRecordingHour (3 h)');
    // A start is not repeated after its request may have arrived: one recording, not two.
    expect(fake.requests('start').length - starts).toBe(1);
  });

  it('refuses with a 502, before starting, a resourceId too long for an id that could be opened again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1200, max: 4000 }), async (length) => {
        const starts = fake.requests('start').length;
        fake.on('acquire', ({ body }) => ({ body: { ...(body as object), resourceId: randomBytes(length).toString('base64url').slice(0, length) } }));
        const answer = await start({ channel: 'long-resource', mode: 'mix' });
        fake.on('acquire', fake.responder('acquire'));

        expect(answer.statusCode).toBe(502);
        expect(answer.json<{ detail: string }>().detail).toBe(
          `Agora's resourceId (${length} characters) is too long for a recording id this service could open again; no recording was started.`,
        );
        expect(fake.requests('start').length).toBe(starts);
      }),
      { numRuns: 5 },
    );
    // Agora's usual resourceIds (a few hundred characters) still record.
    expect((await start({ channel: 'usual-resource', mode: 'mix' })).statusCode).toBe(201);
  });
});
