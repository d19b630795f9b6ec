import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { decodeToken } from './support/decode-token.js';
import { respells } from './support/sealed-ids.js';
import { STT_SECRETS, type FakeAgoraStt } from './support/fake-agora-stt.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

interface Started {
  acquire: { tokenName: string; createTs: number; instanceId: string; timestamp: string };
  start: { createTs: number; status: string; taskId: string; timestamp: string };
  timestamp: string;
}

/**
 * The Go fork's real-time transcription routes (Agora Backend Webservice's `/rtt/*`), called as its clients call them,
 * through the real app against a fake Agora STT v7: its shapes kept, its bugs fixed (v7 instead of builder tokens, the
 * stop that always stopped `tasks/`, the publisher token signed for the wrong uid, the crash on `enableStorage`), and
 * /v1's policy, ownership and errors.
 */
describe('The Go fork’s /rtt routes (e2e, fake Agora STT)', () => {
  let stt: TranscriptionApp;
  let fake: FakeAgoraStt;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    stt = await startTranscriptionApp({ client: { kinds: ['transcription'] }, other: { kinds: ['transcription'] }, recorder: { kinds: ['recording'] } });
    ({ fake, app } = stt);
    headers = stt.keys.client.headers;
  });
  afterAll(() => stt.close());

  const start = (payload: object, as = headers) => app.inject({ method: 'POST', url: '/rtt/start', headers: as, payload });
  const started = async (payload: object = { channelName: 'test_channel', languages: ['en-US'] }): Promise<Started> => {
    const answer = await start(payload);
    expect(answer.statusCode).toBe(200);
    return answer.json<Started>();
  };

  it('starts on Agora’s v7 join, answering the fork’s shape with the sealed id as taskId, and a bot token for exactly the bot', async () => {
    const answer = await start({ channelName: 'test_channel', languages: ['en-US'], subscribeAudioUids: ['42'], maxIdleTime: 60 });

    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = answer.json<Started>();
    expect(body).toEqual({
      acquire: { tokenName: body.start.taskId, createTs: body.start.createTs, instanceId: 'test_channel', timestamp: expect.stringMatching(RFC3339) },
      start: { createTs: expect.any(Number), status: 'RUNNING', taskId: expect.stringMatching(/^[A-Za-z0-9_.-]+$/), timestamp: expect.stringMatching(RFC3339) },
      timestamp: expect.stringMatching(RFC3339),
    });
    expect(Math.abs(body.start.createTs - Date.now() / 1000)).toBeLessThan(60);
    const join = fake.requests('join').at(-1)!;
    expect(join.path).toBe(`/api/speech-to-text/v1/projects/${TEST_APP_ID}/join`);
    const { rtcConfig, languages, maxIdleTime } = join.body as { rtcConfig: { pubBotUid: string; pubBotToken: string; subscribeAudioUids: string[] }; languages: string[]; maxIdleTime: number };
    expect({ languages, maxIdleTime, subscribe: rtcConfig.subscribeAudioUids }).toEqual({ languages: ['en-US'], maxIdleTime: 60, subscribe: ['42'] });
    // The fork signed the publisher's token for the subscriber's uid: here it is for the publisher bot, and may publish.
    const token = decodeToken(rtcConfig.pubBotToken);
    expect({ verifies: token.verifies(TEST_APP_CERTIFICATE), appId: token.appId, rtc: token.rtc }).toEqual({
      verifies: true,
      appId: TEST_APP_ID,
      rtc: { channel: 'test_channel', uid: rtcConfig.pubBotUid, privileges: { joinChannel: 86_400, publishAudio: 86_400, publishVideo: 86_400, publishData: 86_400 } },
    });
  });

  it('stores captions when enableStorage is true (the fork crashed on a nil pointer), and maps translateConfig', async () => {
    const body = await started({
      channelName: 'stored-room',
      languages: ['en-US'],
      enableStorage: true,
      enableNTPtimestamp: true,
      translateConfig: { forceTranslateInterval: 5, languages: [{ source: 'en-US', target: ['es-ES'] }] },
    });

    const agent = [...fake.agents.values()].find(({ config }) => config.rtcConfig.channelName === 'stored-room')!;
    expect(agent.config.translateConfig).toEqual({ languages: [{ source: 'en-US', target: ['es-ES'] }] });
    expect(agent.config.captionConfig?.storage).toMatchObject({ vendor: 1, region: 3, bucket: 'captions-bucket', fileNamePrefix: ['storedroom', expect.stringMatching(/^\d{8}$/), expect.stringMatching(/^\d{6}$/)] });
    expect(secretsFoundIn(JSON.stringify(body), { secretKey: STT_SECRETS.secretKey, accessKey: STT_SECRETS.accessKey })).toEqual([]);
  });

  it('takes the fork’s documented “full” start (Real_Time_Transcription_curl.md): subscribeAudioUIDs transcribes only those users', async () => {
    const answer = await start({
      channelName: 'test_channel',
      languages: ['en-US'],
      subscribeAudioUIDs: ['1234', '5678'],
      maxIdleTime: 300,
      translateConfig: { forceTranslateInterval: 60, languages: [{ source: 'en-US', target: ['es-ES', 'fr-FR'] }] },
      enableStorage: false,
      enableNTPtimestamp: true,
    });
    expect(answer.statusCode).toBe(200);
    const join = fake.requests('join').at(-1)!.body as { rtcConfig: { subscribeAudioUids?: string[] }; translateConfig?: { languages?: unknown } };
    expect(join.rtcConfig.subscribeAudioUids).toEqual(['1234', '5678']);
    expect(join.translateConfig?.languages).toEqual([{ source: 'en-US', target: ['es-ES', 'fr-FR'] }]);
    // Keys are read as the fork's encoding/json read them: any case names the field, unknown keys are ignored.
    const recased = await start({ CHANNELNAME: 'test_channel', Languages: ['en-US'], SubscribeAudioUids: ['42'], notAField: 1 });
    expect(recased.statusCode).toBe(200);
    expect((fake.requests('join').at(-1)!.body as { rtcConfig: { channelName: string; subscribeAudioUids?: string[] } }).rtcConfig).toEqual(
      expect.objectContaining({ channelName: 'test_channel', subscribeAudioUids: ['42'] }),
    );
    // Values keep their rules.
    const wrong = await start({ channelName: 'test_channel', languages: ['en-US'], subscribeAudioUIDs: 'all' });
    expect([wrong.statusCode, wrong.json().errors[0].field]).toEqual([400, 'subscribeAudioUids']);
  });

  it('reports a task’s status, with or without the v6 builderToken', async () => {
    const { start: task } = await started();
    for (const query of ['', `?builderToken=${encodeURIComponent(task.taskId)}`]) {
      const answer = await app.inject({ method: 'GET', url: `/rtt/status/${task.taskId}${query}`, headers });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ query: { ...task, timestamp: expect.stringMatching(RFC3339) }, timestamp: expect.stringMatching(RFC3339) });
    }
  });

  it('stops by POST or DELETE /rtt/stop/:taskId, and by the DELETE /rtt/stop the fork registered, with taskId in the body or query', async () => {
    const stops = [
      (taskId: string) => app.inject({ method: 'POST', url: `/rtt/stop/${taskId}`, headers, payload: { builderToken: taskId } }),
      (taskId: string) => app.inject({ method: 'DELETE', url: `/rtt/stop/${taskId}`, headers }),
      (taskId: string) => app.inject({ method: 'DELETE', url: '/rtt/stop', headers, payload: { builderToken: 'v6-token', taskId } }),
      (taskId: string) => app.inject({ method: 'DELETE', url: `/rtt/stop?taskId=${encodeURIComponent(taskId)}`, headers }),
    ];
    for (const stop of stops) {
      const { start: task } = await started();
      const { agentId } = [...fake.agents.values()].at(-1)!;
      const answer = await stop(task.taskId);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ stop: { timestamp: expect.stringMatching(RFC3339) }, timestamp: expect.stringMatching(RFC3339) });
      expect(fake.requests('leave').at(-1)!.path).toBe(`/api/speech-to-text/v1/projects/${TEST_APP_ID}/agents/${agentId}/leave`);
      expect(fake.agents.get(agentId)!.status).toBe('STOPPED');
    }
    // No task named, or two: a 400, never Agora's `tasks/`.
    const before = fake.requests('leave').length;
    expect((await app.inject({ method: 'DELETE', url: '/rtt/stop', headers })).json().errors).toEqual([expect.objectContaining({ field: 'taskId' })]);
    expect((await app.inject({ method: 'DELETE', url: '/rtt/stop?taskId=a', headers, payload: { taskId: 'b' } })).statusCode).toBe(400);
    expect(fake.requests('leave')).toHaveLength(before);
  });

  it('answers 404 to another caller, to any altered taskId, and once Agora no longer runs it', async () => {
    const { start: task } = await started();
    const other = stt.keys.other.headers;
    expect((await app.inject({ method: 'GET', url: `/rtt/status/${task.taskId}`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/rtt/stop/${task.taskId}`, headers: other })).statusCode).toBe(404);
    const mutated = fc
      .tuple(fc.nat({ max: task.taskId.length - 1 }), fc.constantFrom(...'AZaz09-_.'))
      .map(([at, char]) => task.taskId.slice(0, at) + char + task.taskId.slice(at + 1))
      .filter((changed) => changed !== task.taskId && !respells(changed, task.taskId));
    await fc.assert(
      fc.asyncProperty(mutated, async (taskId) => {
        expect((await app.inject({ method: 'GET', url: `/rtt/status/${taskId}`, headers })).statusCode).toBe(404);
      }),
      { numRuns: 30 },
    );
    expect((await app.inject({ method: 'POST', url: `/rtt/stop/${task.taskId}`, headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/rtt/status/${task.taskId}`, headers })).statusCode).toBe(404);
  });

  it('applies /v1’s policy and input rules: kinds, and a 400 naming each bad field before Agora hears of it', async () => {
    expect((await start({ channelName: 'x', languages: ['en-US'] }, stt.keys.recorder.headers)).json()).toMatchObject({ status: 403, rule: 'kinds' });
    const bad = fc.oneof(
      fc.constantFrom({ field: 'channelName', body: { channelName: 'a/b' } }, { field: 'languages', body: { languages: [] } }, { field: 'maxIdleTime', body: { maxIdleTime: 0 } }),
      fc.constantFrom('cryptionMode', 'secret', 'salt').map((field) => ({ field, body: { [field]: 'aes-128-xts' } })),
      fc.constantFrom({ field: 'subscribeAudioUids', body: { subscribeAudioUids: ['0'] } }, { field: 'translateConfig', body: { translateConfig: { languages: [{ source: 'en-US', target: ['en-US'] }] } } }),
      fc.constantFrom({ field: 'enableStorage', body: { enableStorage: 'yes' } }, { field: 'enableNTPtimestamp', body: { EnableNtpTimestamp: 'yes' } }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ field, body }) => {
        const before = fake.requests('join').length;
        const answer = await start({ channelName: 'ok', languages: ['en-US'], ...body });
        expect(answer.statusCode).toBe(400);
        expect(answer.json().errors.map((error: { field: string }) => error.field.split(/[.[]/)[0])).toContain(field);
        expect(fake.requests('join')).toHaveLength(before);
      }),
      { numRuns: 30 },
    );
  });
});
