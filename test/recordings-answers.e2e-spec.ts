import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { FakeAgoraRecording } from './support/fake-agora-recording.js';
import { schemaValidator, type OpenApiDocument } from './support/openapi-schemas.js';
import { startRecordingApp, type RecordingApp } from './support/recording-app.js';

/**
 * Agora's query answers are not trusted to keep to their documentation: whatever numbers and uids they carry, the
 * service's answer matches its own OpenAPI document (a value outside it is left out, never passed through).
 */
describe('Cloud recording: answers match the OpenAPI document whatever Agora reports (e2e, fake Agora)', () => {
  let recording: RecordingApp;
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    recording = await startRecordingApp();
    ({ fake, app, headers } = recording);
  });
  afterAll(() => recording.close());

  it('leaves out a status, sliceStartTime or file uid the document does not allow', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json<OpenApiDocument>();
    const schema = document.paths['/v1/recordings/{id}'].get.responses['200'].content!['application/json'].schema;
    const validate = schemaValidator(document)(schema);
    const { id } = (await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel: 'odd-answers', mode: 'mix' } })).json<{ id: string }>();
    const number = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constant(-1), fc.constant(2 ** 31), fc.double());
    const uid = fc.oneof(number, fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9]{1,12}$/));
    const reported = fc.record({ status: number, sliceStartTime: number, fileStart: number, uid });

    await fc.assert(
      fc.asyncProperty(reported, async ({ status, sliceStartTime, fileStart, uid: fileUid }) => {
        const file = { fileName: 'a.m3u8', trackType: 'audio_and_video', uid: fileUid, sliceStartTime: fileStart };
        fake.on('query', { body: { serverResponse: { status, fileListMode: 'json', fileList: [file], sliceStartTime } } });
        const answer = await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers });
        const body = answer.json<{ status?: number; sliceStartTime?: number; fileList: Array<{ uid?: string }> }>();

        expect(answer.statusCode).toBe(200);
        expect({ body, errors: validate(body) ? [] : validate.errors }).toMatchObject({ errors: [] });
        // What the document allows is passed through as Agora said it.
        // (JSON has no -0: Agora's -0 arrives as 0.)
        if (Number.isSafeInteger(status) && status >= 0 && status <= 2 ** 31 - 1) expect(body.status).toBe(status + 0);
        if (typeof fileUid === 'string' && /^[0-9]{1,10}$/.test(fileUid)) expect(body.fileList[0].uid).toBe(fileUid);
      }),
      { numRuns: 60 },
    );
    fake.on('query', fake.responder('query'));
  });

  it('counts the recording bot’s token in agora_tokens_issued_total (kind recording-bot, its project); a web recording has none', async () => {
    const issued = async () => {
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(/^agora_tokens_issued_total\{kind="recording-bot",project="default"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };
    const before = await issued();
    const ids: string[] = [];
    for (const channel of ['counted-1', 'counted-2']) ids.push((await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel, mode: 'mix' } })).json<{ id: string }>().id);
    const web = { serviceName: 'web_recorder_service', serviceParam: { url: 'https://example.com/stage', audioProfile: 0, videoWidth: 1280, videoHeight: 720, maxRecordingHour: 1 } };
    const page = await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel: 'page', mode: 'web', extensionServiceConfig: { extensionServices: [web] } } });
    ids.push(page.json<{ id: string }>().id);

    expect(page.statusCode).toBe(201);
    expect((await issued()) - before).toBe(2);
    for (const id of ids) await app.inject({ method: 'DELETE', url: `/v1/recordings/${id}?async=true`, headers });
  });
});
