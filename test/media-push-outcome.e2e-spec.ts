import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';
import { captureLogs } from './support/test-app.js';

const PUSH = { channel: 'lost-room', rtcStreamUid: 201, rtmpUrl: 'rtmp://live.example.com/app/lost-stream-key-9' };
const GATEWAY_TIMEOUT = { status: 504, body: { message: 'The upstream server is timing out' } };

/**
 * A create whose outcome is unknown (the connection broke after sending, Agora's gateway answered 504) may leave a
 * converter pushing to the CDN and billing the project: the service looks its own unique name up in Agora's list of
 * the channel and either answers it as created (reachable, stoppable) or says that none runs, or where to look.
 */
describe('Media push: creates with an unknown outcome (e2e, fake Agora)', () => {
  let push: MediaPushApp;
  const logs = captureLogs();
  const create = () => push.app.inject({ method: 'POST', url: '/v1/media-push', headers: push.headers.pusher, payload: PUSH });
  const call = (method: 'GET' | 'DELETE', url: string) => push.app.inject({ method, url, headers: push.headers.pusher });
  const sentName = () => (push.fake.requests('create').at(-1)!.body as { converter: { name: string } }).converter.name;

  beforeAll(async () => {
    push = await startMediaPushApp({ LOG_LEVEL: 'warn' }, [], { requestLogs: true, logStream: logs.stream, logger: undefined });
  });
  afterAll(() => push.close());
  afterEach(() => {
    push.fake.on('create', push.fake.responder('create'));
    push.fake.on('list', push.fake.responder('list'));
    push.fake.converters.clear();
  });

  it.each([
    ['the connection breaks after Agora created it', { destroy: true }],
    ['Agora created it and its gateway answered 504', GATEWAY_TIMEOUT],
    ['Agora created it and answered late, then broke the connection', { delayMs: 50, destroy: true }],
  ])('answers a converter Agora runs as created when %s: its id reads, lists and stops it', async (_, then) => {
    push.fake.on('create', push.fake.createsThen(then));

    const answer = await create();

    expect(answer.statusCode).toBe(201);
    const body = answer.json();
    const [running] = [...push.fake.converters.values()];
    expect(body).toEqual(expect.objectContaining({ channel: 'lost-room', name: sentName(), converterId: running.id, mode: 'raw', rtmpUrl: 'rtmp://live.example.com/app/***' }));
    expect(push.fake.requests('list').at(-1)!.path).toMatch(/\/channels\/lost-room\/rtmp-converters$/);
    expect((await call('GET', `/v1/media-push/${body.id}`)).statusCode).toBe(200);
    expect((await call('GET', '/v1/media-push?channel=lost-room')).json().converters.map((c: { id: string }) => c.id)).toEqual([body.id]);
    expect((await call('DELETE', `/v1/media-push/${body.id}`)).statusCode).toBe(204);
    expect(push.fake.converters.size).toBe(0);
    const warning = logs.lines.find((line) => String(line.msg).includes(`converter "${body.name}" found`));
    expect(warning).toEqual(expect.objectContaining({ level: 'warn', context: 'MediaPush' }));
    expect(JSON.stringify(logs.lines)).not.toContain('lost-stream-key-9');
  });

  it('says that no converter runs when Agora’s 504 came without one, so the create can be sent again', async () => {
    push.fake.on('create', GATEWAY_TIMEOUT);

    const answer = await create();

    expect(answer.statusCode).toBe(502);
    expect(answer.json().detail).toContain(`Agora lists no converter named "${sentName()}" in channel "lost-room": none was started; send the create again.`);
    expect(answer.json().upstream).toEqual({ status: 504 });
    expect(push.fake.converters.size).toBe(0);
  });

  it('names the channel and the converter when the lookup fails too, so an operator can find and stop it', async () => {
    push.fake.on('create', push.fake.createsThen({ destroy: true }));
    push.fake.on('list', { status: 503, body: { message: 'Service Unavailable' } });

    const answer = await create();

    expect(answer.statusCode).toBe(502);
    const { detail } = answer.json();
    expect(detail).toContain('could not be confirmed');
    expect(detail).toContain(`channel "lost-room"`);
    expect(detail).toContain(`converterName "${sentName()}"`);
    expect(detail).not.toContain('lost-stream-key-9');
    expect(logs.lines.some((line) => line.level === 'warn' && String(line.msg).includes('may run'))).toBe(true);
  });

  it('answers Agora’s refusals as before: a 4xx answer is known, and no list is read', async () => {
    const lists = push.fake.requests('list').length;
    push.fake.on('create', { status: 400, body: { message: 'Invalid parameter: rtmpUrl.' } });

    const answer = await create();

    expect(answer.statusCode).toBe(502);
    expect(answer.json().detail).not.toContain('converter named');
    expect(push.fake.requests('list').length).toBe(lists);
  });
});
