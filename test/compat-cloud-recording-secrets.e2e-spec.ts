import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraRecording, RECORDING_SECRETS, recordingEnv } from './support/fake-agora-recording.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';

/**
 * The fork's routes keep the secrets /v1's keep: its clients never hold the REST credentials or the bucket's keys,
 * and neither they nor the logs ever see those, the bot's token or the caller's API key, in any encoding, over a
 * recording's whole life through the fork's routes, Agora's refusals and a body that tries to send storage keys.
 */
describe('The Go fork’s /cloud_recording routes write no secret (e2e, fake Agora)', () => {
  it('writes no Customer Secret, storage key, bot token or API key in any log line or answer', async () => {
    const fake = await FakeAgoraRecording.start([RECORDING_SECRETS]);
    const apiKey = newApiKey();
    const bodies: string[] = [];
    let written = '';
    const capture = (chunk: unknown) => {
      written += String(chunk);
      return true;
    };
    const app = await createTestApp(
      { ...recordingEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'fork-client', key: apiKey, kinds: ['recording'] }]), LOG_LEVEL: 'trace' },
      { requestLogs: true, logger: undefined, logStream: { write: capture } },
    );
    try {
      const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
        const answer = await app.inject({ method, url: `/cloud_recording/${url}`, headers: { 'x-api-key': apiKey }, ...(payload ? { payload } : {}) });
        bodies.push(answer.body);
        return answer;
      };
      const named = (await call('POST', 'start', { channelName: 'secret_room' })).json<{ resourceId: string; sid: string }>();
      fake.on('acquire', { status: 400, body: { code: 2, reason: 'invalid params' } });
      await call('POST', 'start', { channelName: 'secret_room_2' });
      fake.on('acquire', fake.responder('acquire'));
      await call('POST', 'start', { channelName: 'r', storageConfig: { accessKey: RECORDING_SECRETS.accessKey, secretKey: RECORDING_SECRETS.secretKey } });
      await call('GET', `status?${new URLSearchParams({ resourceId: named.resourceId, sid: named.sid }).toString()}`);
      await call('POST', 'update/subscriber-list', { resourceId: named.resourceId, recordingConfig: { streamSubscribe: { videoUidList: { unsunscribeVideoUids: ['42'] } } } });
      await call('POST', 'stop', { resourceId: named.resourceId, sid: named.sid });
    } finally {
      await app.close();
      await fake.close();
    }
    const token = (fake.requests('start').at(-1)!.body as { clientRequest: { token: string } }).clientRequest.token;
    const secrets = { customerSecret: RECORDING_SECRETS.customerSecret, accessKey: RECORDING_SECRETS.accessKey, secretKey: RECORDING_SECRETS.secretKey, botToken: token, apiKey };

    expect(written).toContain('/cloud_recording/stop');
    expect(written).toContain('recording.stop');
    expect(secretsFoundIn(written, secrets)).toEqual([]);
    expect(secretsFoundIn(bodies.join('\n'), secrets)).toEqual([]);
  });
});
