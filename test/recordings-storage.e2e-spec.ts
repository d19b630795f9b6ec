import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { createTestApp } from './support/test-app.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const TEAM_APP_ID = 'c'.repeat(32);
const OTHER_APP_ID = 'd'.repeat(32);

/**
 * A storage profile may list the projects it serves (`projects`, names or globs): a recording goes only to a bucket
 * of its own project, whoever asks, and a project's default is the first profile that serves it.
 */
describe('Cloud recording: storage profiles per project (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    const folder = mkdtempSync(join(tmpdir(), 'recording-storage-projects-'));
    const rest = { customerId: RECORDING_SECRETS.customerId, customerSecret: RECORDING_SECRETS.customerSecret };
    writeFileSync(
      join(folder, 'projects.json'),
      JSON.stringify([
        { name: 'video', appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE, ...rest },
        { name: 'team-a', appId: TEAM_APP_ID, certificate: OTHER_CERTIFICATE, ...rest },
        { name: 'elsewhere', appId: OTHER_APP_ID, certificate: OTHER_CERTIFICATE, ...rest },
      ]),
    );
    const keys = { accessKey: RECORDING_SECRETS.accessKey, secretKey: RECORDING_SECRETS.secretKey };
    writeFileSync(
      join(folder, 'storage.json'),
      JSON.stringify([
        { name: 'video-bucket', vendor: 1, region: 0, bucket: 'video-recordings', projects: ['video'], ...keys },
        { name: 'team-bucket', vendor: 1, region: 0, bucket: 'team-recordings', projects: ['team-*'], ...keys },
      ]),
    );
    const env = Object.fromEntries(Object.entries(recordingEnv(fake)).filter(([name]) => !name.startsWith('STORAGE_') && !name.startsWith('AGORA_CUSTOMER_')));
    app = await createTestApp({
      ...env,
      APP_ID: undefined,
      APP_CERTIFICATE: undefined,
      AGORA_PROJECTS_FILE: join(folder, 'projects.json'),
      AGORA_STORAGE_PROFILES_FILE: join(folder, 'storage.json'),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake.close();
  });

  const start = (payload: object) => app.inject({ method: 'POST', url: '/v1/recordings', payload: { mode: 'mix', ...payload } });
  const bucketOfLastStart = () => (fake.requests('start').at(-1)!.body as { clientRequest: { storageConfig: { bucket: string } } }).clientRequest.storageConfig.bucket;

  it('uploads to the first profile that serves the project when the request names none', async () => {
    for (const [project, bucket] of [
      ['video', 'video-recordings'],
      ['team-a', 'team-recordings'],
    ]) {
      const started = await start({ channel: `default-${project}`, project });
      expect(started.statusCode).toBe(201);
      expect(bucketOfLastStart()).toBe(bucket);
      await app.inject({ method: 'DELETE', url: `/v1/recordings/${started.json<{ id: string }>().id}?async=true` });
    }
  });

  it('refuses a profile that does not serve the project with a 400 on storage, before Agora is called', async () => {
    for (const [project, storage] of [
      ['video', 'team-bucket'],
      ['team-a', 'video-bucket'],
      ['elsewhere', 'video-bucket'],
    ]) {
      const before = fake.agora.requests.length;
      const refused = await start({ channel: 'wrong-bucket', project, storage });

      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual(
        expect.objectContaining({ project, errors: [{ field: 'storage', message: 'storage names a storage profile that does not serve the chosen project' }] }),
      );
      expect(fake.agora.requests.length).toBe(before);
    }
  });

  it('answers a 404 naming a project that no profile serves', async () => {
    const refused = await start({ channel: 'no-bucket', project: 'elsewhere' });

    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(expect.objectContaining({ detail: 'No storage profile serves project elsewhere: it cannot record.', project: 'elsewhere' }));
  });
});
