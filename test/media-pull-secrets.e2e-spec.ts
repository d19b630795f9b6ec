import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { FakeAgoraMediaPull, MEDIA_PULL_SECRETS, mediaPullEnv } from './support/fake-agora-media-pull.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { createTestApp } from './support/test-app.js';

/** Credentials a stream URL may carry: its userinfo and a signed query. */
const STREAM_SECRETS = { password: 'rtmp-pass-7Hq2xV9kLm', signature: 'sig-Zr81mQpW0ae3TnYb', backupToken: 'bkp-tok-44DfG7hJ2kLq' };
const STREAM_URL = `rtmp://publisher:${STREAM_SECRETS.password}@media.example.com/live/show?sign=${STREAM_SECRETS.signature}`;
const BACKUP_URL = `https://media.example.com/live/backup.flv?token=${STREAM_SECRETS.backupToken}`;

/**
 * What media pull must never show: the Customer Secret, the player's token, and the stream URL's credentials, in any
 * log line at any level (trace) in any encoding, nor in any answer or problem, whatever Agora echoes back.
 */
describe('Media pull: no secret in a log line or an answer (e2e, fake Agora)', () => {
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  const apiKey = newApiKey();
  let written = '';
  const bodies: string[] = [];

  beforeAll(async () => {
    fake = await FakeAgoraMediaPull.start([MEDIA_PULL_SECRETS]);
    app = await createTestApp(
      { ...mediaPullEnv(fake), AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'puller', key: apiKey, kinds: ['media-pull'] }]), LOG_LEVEL: 'trace' },
      { requestLogs: true, logger: undefined, logStream: { write: (line: string) => void (written += line) } },
    );
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const answer = await app.inject({ method, url, headers: { 'x-api-key': apiKey }, ...(payload ? { payload } : {}) });
    bodies.push(answer.body);
    return answer;
  };

  it('keeps them out of every log line and answer through a lifecycle, refusals and Agora echoing them', async () => {
    const created = await call('POST', '/v1/media-pull', { channel: 'secret-room', streamUrl: STREAM_URL, uid: 5 });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    // Agora's list answers each player's streamUrl: the service's list must not pass it on.
    expect((await call('GET', '/v1/media-pull?channel=secret-room')).statusCode).toBe(200);
    expect((await call('GET', `/v1/media-pull/${id}`)).statusCode).toBe(200);
    expect((await call('PATCH', `/v1/media-pull/${id}`, { streamUrl: BACKUP_URL })).statusCode).toBe(200);

    // Agora refusing and repeating what it was sent: the token and the URLs.
    fake.on('create', (request) => ({ status: 400, body: { message: `bad player ${JSON.stringify(request.body)}` } }));
    expect((await call('POST', '/v1/media-pull', { channel: 'secret-room', streamUrl: STREAM_URL })).statusCode).toBe(502);
    fake.on('update', (request) => ({ status: 400, body: { message: `bad update ${request.rawBody}` } }));
    expect((await call('PATCH', `/v1/media-pull/${id}`, { streamUrl: BACKUP_URL })).statusCode).toBe(502);
    fake.on('create', fake.responder('create'));
    fake.on('update', fake.responder('update'));
    // A stream URL refused for its shape is not repeated either.
    const refused = await call('POST', '/v1/media-pull', { channel: 'secret-room', streamUrl: `ftp://publisher:${STREAM_SECRETS.password}@media.example.com/x` });
    expect(refused.statusCode).toBe(400);
    expect((await call('DELETE', `/v1/media-pull/${id}`)).statusCode).toBe(204);

    const tokens = fake.requests('create').map((request) => (request.body as { player: { token: string } }).player.token);
    expect(tokens).toHaveLength(2);
    const secrets = { customerSecret: MEDIA_PULL_SECRETS.customerSecret, apiKey, ...STREAM_SECRETS, ...Object.fromEntries(tokens.map((token, index) => [`player token ${index}`, token])) };
    expect(written).toContain('media-pull.create');
    expect(written).toContain('"statusCode":201');
    expect(secretsFoundIn(written, secrets)).toEqual([]);
    expect(secretsFoundIn(bodies.join('\n'), secrets)).toEqual([]);
    // The URL reached Agora as sent.
    expect((fake.requests('create')[0].body as { player: { streamUrl: string } }).player.streamUrl).toBe(STREAM_URL);
  });

  // Agora's texts about a running player may repeat its stream URL, even when the call did not carry it: a delete, a
  // volume-only update and the list pass only Agora's status and code, as create does.
  it.each(['delete', 'update', 'list'] as const)('withholds what Agora says about a player to its %s, which may repeat its stream URL', async (operation) => {
    const created = await call('POST', '/v1/media-pull', { channel: 'echo-room', streamUrl: STREAM_URL, uid: 6 });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const echo = { status: 500, body: { code: 17, message: `player pulling ${STREAM_URL} failed`, reason: `bad ${BACKUP_URL}` } };
    fake.on(operation, ...Array<typeof echo>(4).fill(echo), fake.responder(operation));
    written = '';
    const answer =
      operation === 'delete'
        ? await call('DELETE', `/v1/media-pull/${id}`)
        : operation === 'update'
          ? await call('PATCH', `/v1/media-pull/${id}`, { volume: 50 })
          : await call('GET', '/v1/media-pull?channel=echo-room');
    expect(answer.statusCode).toBe(502);
    expect(answer.json()).toMatchObject({ upstream: { status: 500, code: 17 } });
    expect(answer.json().upstream).not.toHaveProperty('message');
    expect(answer.json().upstream).not.toHaveProperty('reason');
    expect(written).toContain(`media-pull.${operation}`);
    expect(secretsFoundIn(answer.body, STREAM_SECRETS)).toEqual([]);
    expect(secretsFoundIn(written, STREAM_SECRETS)).toEqual([]);
    fake.on(operation, fake.responder(operation));
  });
});
