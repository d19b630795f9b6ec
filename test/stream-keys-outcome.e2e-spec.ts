import { startStreamKeysApp, type StreamKeysApp } from './support/fake-agora-stream-keys.js';
import { captureLogs } from './support/test-app.js';

const GATEWAY_TIMEOUT = { status: 504, body: { message: 'The upstream server is timing out' } };

/**
 * A creation whose outcome is unknown may leave a key at Agora that reached nobody. Agora has no list of keys and makes
 * the key itself, so the service cannot find it: its problems say which key it would be (channel, user, region, never
 * a key) and how to tell (a repeat's 201 or 409) and how it ends; one warning line says the same.
 */
describe('Stream keys: creations with an unknown outcome (e2e, fake Agora)', () => {
  let keys: StreamKeysApp;
  const logs = captureLogs();
  const create = (payload: object) => keys.app.inject({ method: 'POST', url: '/v1/stream-keys', headers: keys.headers, payload });

  beforeAll(async () => {
    keys = await startStreamKeysApp({ LOG_LEVEL: 'warn' }, undefined, { requestLogs: true, logStream: logs.stream, logger: undefined });
  });
  afterAll(() => keys.close());
  afterEach(() => keys.fake.on('create', keys.fake.responder('create')));

  it('names the key a lost answer may have made, and the repeat’s 409 says it was made and how it ends', async () => {
    keys.fake.on('create', keys.fake.createsThen({ destroy: true }), keys.fake.responder('create'));
    const payload = { channel: 'lost-stage', uid: 77, expiresAfterSeconds: 0, region: 'eu' };

    const first = await create(payload);

    expect(first.statusCode).toBe(502);
    const { detail } = first.json();
    expect(detail).toContain('Agora may have made the key for channel "lost-stage", uid 77, region eu, which reached nobody.');
    expect(detail).toContain('a 409 saying a key exists means it was made');
    expect(detail).toContain('contact Agora support');
    const [made] = keys.fake.live();
    expect(made).toEqual(expect.objectContaining({ channel: 'lost-stage', uid: '77', region: 'eu', expiresAfter: 0 }));
    const warnings = logs.lines.filter((line) => line.level === 'warn' && line.context === 'StreamKeys');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain('channel "lost-stage", uid 77, region eu');

    const again = await create(payload);

    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('Agora already has the key for channel "lost-stage", uid 77, region eu.');
    expect(again.json().detail).toContain('it was made and reached nobody');
    const seen = JSON.stringify([first.json(), again.json(), logs.lines]);
    expect(seen).not.toContain(made.streamKey);
  });

  it('says a key that expires ends by itself, and a repeat after Agora’s 504 without a key gets its 201', async () => {
    keys.fake.on('create', GATEWAY_TIMEOUT, keys.fake.responder('create'));
    const payload = { channel: 'lost-stage', account: 'camera-2', expiresAfterSeconds: 600 };

    const first = await create(payload);

    expect(first.statusCode).toBe(502);
    expect(first.json().upstream).toEqual({ status: 504, message: 'The upstream server is timing out' });
    expect(first.json().detail).toContain('the key for channel "lost-stage", account "camera-2", region na');
    expect(first.json().detail).toContain('It expires 600 s after its creation');
    expect(keys.fake.live().filter((key) => key.uid === 'camera-2')).toHaveLength(0);
    expect((await create(payload)).statusCode).toBe(201);
  });

  it('keeps Agora’s refusals known: a 400 is no unknown outcome', async () => {
    keys.fake.on('create', { status: 400, body: { message: 'Invalid settings.' } });

    const answer = await create({ channel: 'lost-stage', uid: 78, expiresAfterSeconds: 60 });

    expect(answer.statusCode).toBe(502);
    expect(answer.json().detail).not.toContain('may have made');
  });
});
