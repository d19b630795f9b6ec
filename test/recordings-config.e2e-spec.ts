import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

/**
 * Recording as configuration makes it: off (404) without REST credentials or storage, per project, and what it
 * never shows: the Customer Secret, the storage keys and the bot's token are in no log line and no answer.
 * Concurrent starts keep their own prefixes and tokens.
 */
describe('Cloud recording: configuration, secrets and concurrency (e2e, fake Agora)', () => {
  let fake: FakeAgoraRecording;

  beforeAll(async () => {
    fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
  });
  afterAll(() => fake.close());

  it('is off without REST credentials or without storage: every route answers a 404 problem, and Agora hears nothing', async () => {
    const { AGORA_CUSTOMER_ID: _id, AGORA_CUSTOMER_SECRET: _secret, ...noCredentials } = recordingEnv(fake);
    const noStorage = Object.fromEntries(Object.entries(recordingEnv(fake)).filter(([name]) => !name.startsWith('STORAGE_')));
    const before = fake.agora.requests.length;
    for (const [env, why] of [
      [noCredentials, 'no project has REST credentials'],
      [noStorage, 'no storage profile is configured'],
    ] as const) {
      let logged = '';
      const app = await createTestApp(env, { requestLogs: true, logger: undefined, logStream: { write: (line: string) => void (logged += line) } });
      expect(logged).toContain(`Cloud recording is off: ${why}`);
      try {
        const answers = [
          await app.inject({ method: 'POST', url: '/v1/recordings', payload: { channel: 'room', mode: 'mix' } }),
          await app.inject({ method: 'GET', url: '/v1/recordings/anything' }),
          await app.inject({ method: 'DELETE', url: '/v1/recordings/anything' }),
        ];
        for (const answer of answers) {
          expect({ status: answer.statusCode, detail: answer.json<{ detail: string }>().detail }).toEqual({
            status: 404,
            detail: 'Cloud recording is not configured on this service.',
          });
        }
      } finally {
        await app.close();
      }
    }
    expect(fake.agora.requests.length).toBe(before);
  });

  it('refuses to start with a storage profiles file it cannot use, naming the entry and field, never a key', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'recording-storage-'));
    const file = join(folder, 'storage.json');
    writeFileSync(file, JSON.stringify([{ name: 'rec', vendor: 1, region: 0, bucket: 'b', accessKey: RECORDING_SECRETS.accessKey, secretKey: RECORDING_SECRETS.secretKey, sse: 'kms' }]));
    const { STORAGE_VENDOR: _v, STORAGE_REGION: _r, STORAGE_BUCKET: _b, STORAGE_BUCKET_ACCESS_KEY: _a, STORAGE_BUCKET_SECRET_KEY: _s, ...env } = recordingEnv(fake);

    const failure = await createTestApp({ ...env, AGORA_STORAGE_PROFILES_FILE: file }).then(
      (app) => app.close().then(() => undefined),
      (error: Error) => error.message,
    );
    expect(failure).toBe('Invalid configuration: AGORA_STORAGE_PROFILES_FILE entry 1: unknown field sse');
  });

  it('records only for a project with REST credentials, and a 404 names a project without them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'recording-projects-'));
    const projects = join(folder, 'projects.json');
    writeFileSync(
      projects,
      JSON.stringify([
        { name: 'video', appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE, customerId: RECORDING_SECRETS.customerId, customerSecret: RECORDING_SECRETS.customerSecret },
        { name: 'chat-only', appId: 'b'.repeat(32), certificate: OTHER_CERTIFICATE },
      ]),
    );
    const { AGORA_CUSTOMER_ID: _id, AGORA_CUSTOMER_SECRET: _secret, ...env } = recordingEnv(fake);
    const app = await createTestApp({ ...env, APP_ID: undefined, APP_CERTIFICATE: undefined, AGORA_PROJECTS_FILE: projects });
    try {
      const refused = await app.inject({ method: 'POST', url: '/v1/recordings', payload: { channel: 'room', mode: 'mix', project: 'chat-only' } });
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toEqual(expect.objectContaining({ detail: expect.stringContaining('Project chat-only has no REST credentials'), project: 'chat-only' }));
      const started = await app.inject({ method: 'POST', url: '/v1/recordings', payload: { channel: 'room', mode: 'mix', appId: TEST_APP_ID } });
      expect(started.json()).toEqual(expect.objectContaining({ project: 'video' }));
      await app.inject({ method: 'DELETE', url: `/v1/recordings/${started.json<{ id: string }>().id}` });
    } finally {
      await app.close();
    }
  });

  it('keeps each concurrent start’s prefix, token and uid to itself', async () => {
    const app = await createTestApp({ ...recordingEnv(fake), RATE_LIMIT_PER_MINUTE: '100000' });
    try {
      const channels = Array.from({ length: 12 }, (_, index) => `room_${index}-x`);
      const answers = await Promise.all(channels.map((channel) => app.inject({ method: 'POST', url: '/v1/recordings', payload: { channel, mode: 'mix' } })));
      const recordings = answers.map((answer) => answer.json<{ channel: string; uid: string; sid: string; id: string }>());
      for (const [index, recording] of recordings.entries()) {
        expect(recording.channel).toBe(channels[index]);
        const { clientRequest, cname, uid } = fake.sessions.get(recording.sid)! as unknown as { clientRequest: { token: string; storageConfig: { fileNamePrefix: string[] } }; cname: string; uid: string };
        expect({ cname, uid }).toEqual({ cname: channels[index], uid: recording.uid });
        expect(clientRequest.storageConfig.fileNamePrefix[0]).toBe(`room${index}x`);
        expect(decodeToken(clientRequest.token).rtc).toEqual(expect.objectContaining({ channel: channels[index], uid: recording.uid }));
      }
      expect(new Set(recordings.map(({ uid }) => uid)).size).toBe(channels.length);
      await Promise.all(recordings.map(({ id }) => app.inject({ method: 'DELETE', url: `/v1/recordings/${id}?async=true` })));
    } finally {
      await app.close();
    }
  });

  it('writes no Customer Secret, storage key, bot token or API key in any log line or answer', async () => {
    const apiKey = newApiKey();
    const bodies: string[] = [];
    // Every line the app logs, as production logs it: request lines and Nest's lines (the REST client's among them) through pino.
    let written = '';
    const capture = (chunk: unknown) => {
      written += String(chunk);
      return true;
    };
    const app = await createTestApp(
      { ...recordingEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'recorder', key: apiKey, kinds: ['recording'] }]), LOG_LEVEL: 'trace' },
      { requestLogs: true, logger: undefined, logStream: { write: capture } },
    );
    try {
      const headers = { 'x-api-key': apiKey };
      const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
        const answer = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        bodies.push(answer.body);
        return answer;
      };
      const { id } = (await call('POST', '/v1/recordings', { channel: 'secret-room', mode: 'mix' })).json<{ id: string }>();
      fake.on('acquire', { status: 400, body: { code: 2, reason: 'invalid params' } });
      await call('POST', '/v1/recordings', { channel: 'secret-room-2', mode: 'mix' });
      fake.on('acquire', fake.responder('acquire'));
      await call('POST', '/v1/recordings', { channel: 'r', mode: 'mix', storageConfig: { secretKey: RECORDING_SECRETS.secretKey } });
      await call('GET', `/v1/recordings/${id}`);
      await call('PATCH', `/v1/recordings/${id}/layout`, { mixedVideoLayout: 1 });
      await call('DELETE', `/v1/recordings/${id}`);
    } finally {
      await app.close();
    }
    const token = (fake.requests('start').at(-1)!.body as { clientRequest: { token: string } }).clientRequest.token;
    const secrets = { customerSecret: RECORDING_SECRETS.customerSecret, accessKey: RECORDING_SECRETS.accessKey, secretKey: RECORDING_SECRETS.secretKey, botToken: token, apiKey };

    expect(written).toContain('"statusCode":201');
    expect(written).toContain('recording.start');
    expect(secretsFoundIn(written, secrets)).toEqual([]);
    // A refused body is not echoed back either (the secretKey sent as storageConfig above).
    expect(secretsFoundIn(bodies.join('\n'), secrets)).toEqual([]);
  });
});
