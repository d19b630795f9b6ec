import type { RecordedRequest } from './support/fake-agora.js';
import { STT_SECRETS } from './support/fake-agora-stt.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';
import { startTranscriptionApp, type TranscriptionApp } from './support/transcription-app.js';

const tokenOf = (request: RecordedRequest) => (request.body as { rtcConfig: { pubBotToken: string } }).rtcConfig.pubBotToken;

/**
 * The secrets a transcription handles (the project's Customer Secret and certificate, the bot's token, the caption
 * storage keys, the caller's API key) never appear in a log line, at any level and in any encoding, nor in an answer:
 * not when Agora accepts, not when it refuses and repeats them, not when it is slow.
 */
describe('Real-time transcription: no secret in logs or answers (e2e, fake Agora)', () => {
  let stt: TranscriptionApp;
  let written = '';
  const bodies: string[] = [];

  beforeAll(async () => {
    stt = await startTranscriptionApp(undefined, { LOG_LEVEL: 'trace' }, {
      requestLogs: true,
      logger: undefined,
      logStream: { write: (chunk: string) => void (written += String(chunk)) },
    });
  });
  afterAll(() => stt.close());

  it('writes none of them in any log line or answer, whatever Agora answers', async () => {
    const { app, fake } = stt;
    const headers = stt.keys.transcriber.headers;
    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const answer = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      bodies.push(answer.body);
      return answer;
    };
    const captioned = { channel: 'secret-room', languages: ['en-US'], captions: 'default' };
    const created = await call('POST', '/v1/transcriptions', captioned);
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();

    // Agora refusing a join and repeating what it was sent: the token and the storage keys, in its detail and reason.
    fake.on('join', (request) => ({ status: 400, body: { detail: `bad token ${tokenOf(request)}`, reason: `storage ${STT_SECRETS.secretKey} ${STT_SECRETS.accessKey}`, message: tokenOf(request) } }));
    const refused = await call('POST', '/v1/transcriptions', captioned);
    expect(refused.statusCode).toBe(502);
    expect(refused.json().upstream).toEqual({ status: 400 });
    // A join that gets no answer: its problem names the bot, never its token.
    fake.on('join', { delayMs: 200, destroy: true });
    const broken = await call('POST', '/v1/transcriptions', captioned);
    expect(broken.statusCode).toBe(502);
    expect(broken.json().transcription).toEqual({ channel: 'secret-room', botUid: expect.stringMatching(/^[1-9]\d*$/) });
    fake.on('join', fake.responder('join'));

    // The caller sending keys where none are taken: refused, not echoed.
    await call('POST', '/v1/transcriptions', { ...captioned, captionConfig: { storage: { secretKey: STT_SECRETS.secretKey } } });
    await call('GET', `/v1/transcriptions/${id}`);
    stt.later(5); // Agora's spacing before an update, and between two
    await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['de-DE'] });
    stt.later(5);
    fake.on('update', { status: 400, body: { detail: 'invalid', reason: STT_SECRETS.customerSecret } });
    await call('PATCH', `/v1/transcriptions/${id}`, { languages: ['fr-FR'] });
    await call('GET', '/v1/transcriptions?channel=secret-room');
    await call('DELETE', `/v1/transcriptions/${id}`);

    const tokens = Object.fromEntries(fake.requests('join').map((request, at) => [`bot token ${at}`, tokenOf(request)]));
    const secrets = {
      customerSecret: STT_SECRETS.customerSecret,
      certificate: TEST_APP_CERTIFICATE,
      accessKey: STT_SECRETS.accessKey,
      secretKey: STT_SECRETS.secretKey,
      apiKey: stt.keys.transcriber.key,
      ...tokens,
    };
    expect(Object.keys(tokens)).toHaveLength(3);
    expect(written).toContain('transcription.join');
    expect(written).toContain('"statusCode":201');
    expect(secretsFoundIn(written, secrets)).toEqual([]);
    expect(secretsFoundIn(bodies.join('\n'), secrets)).toEqual([]);
  });

  // Agora's texts about a running agent may repeat what its join was sent, which the call about it (a query, a list…)
  // did not carry, so no filter on that call's own body could catch it: only Agora's status passes.
  it.each(['query', 'update', 'leave', 'list'] as const)('passes only Agora’s status when its %s error repeats the bot token or storage keys', async (operation) => {
    const { app, fake } = stt;
    const headers = stt.keys.transcriber.headers;
    const created = await app.inject({ method: 'POST', url: '/v1/transcriptions', headers, payload: { channel: 'echo-room', languages: ['en-US'], captions: 'default' } });
    const { id } = created.json<{ id: string }>();
    const token = tokenOf(fake.requests('join').at(-1)!);
    stt.later(5); // Agora's spacing before an update
    const echo = `agent config: token=${token} storage=${STT_SECRETS.accessKey}:${STT_SECRETS.secretKey}`;
    fake.on(operation, { status: 500, body: { detail: echo, reason: echo, message: echo } });
    try {
      const answer =
        operation === 'query' ? await app.inject({ method: 'GET', url: `/v1/transcriptions/${id}`, headers })
        : operation === 'update' ? await app.inject({ method: 'PATCH', url: `/v1/transcriptions/${id}`, headers, payload: { languages: ['de-DE'] } })
        : operation === 'leave' ? await app.inject({ method: 'DELETE', url: `/v1/transcriptions/${id}`, headers })
        : await app.inject({ method: 'GET', url: '/v1/transcriptions?channel=echo-room', headers });

      expect({ status: answer.statusCode, upstream: answer.json().upstream }).toEqual({ status: 502, upstream: { status: 500 } });
      const secrets = { token, accessKey: STT_SECRETS.accessKey, secretKey: STT_SECRETS.secretKey };
      expect(secretsFoundIn(answer.body, secrets)).toEqual([]);
      expect(secretsFoundIn(written, secrets)).toEqual([]);
    } finally {
      fake.on(operation, fake.responder(operation));
    }
  });
});
