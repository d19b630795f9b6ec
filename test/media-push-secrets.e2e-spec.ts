import fc from 'fast-check';
import { startMediaPushApp, type MediaPushApp } from './support/media-push-app.js';
import { encodingsOf, secretsFoundIn } from './support/secret-encodings.js';

/** A stream key as CDNs make them: long, random, URL-safe. */
const streamKey = fc.stringMatching(/^[A-Za-z0-9_-]{20,40}$/).map((key) => `sk_${key}`);
/** The ways a push URL may carry its key: last path segment, with or without a query or credentials. */
const urlWith = fc.constantFrom(
  (key: string) => `rtmp://live.example.com/app/${key}`,
  (key: string) => `rtmps://live.example.com:443/live2/${key}?backup=1`,
  (key: string) => `rtmp://publisher:${key}@ingest.example.com/app/${key}`,
  (key: string) => `rtmp://push.example.com/live/room?txSecret=${key}&txTime=5F5E0FFF`,
);

/** Whether `text` holds any 12 characters (any case) of any encoding of `secret`. */
function holdsPartOf(text: string, secret: string): boolean {
  const lower = text.toLowerCase();
  return Object.values(encodingsOf(secret)).some((form) => {
    for (let at = 0; at + 12 <= form.length; at++) if (lower.includes(form.slice(at, at + 12).toLowerCase())) return true;
    return false;
  });
}

/**
 * The push URL's stream key is a secret: at LOG_LEVEL=trace, with request logs and every Nest level on, no log line
 * carries it in any encoding; no answer or problem repeats it (answers show the URL without it, Agora's get and list
 * answers and its error texts that echo it are never passed on).
 */
describe('Media push: the stream key never leaves (e2e, LOG_LEVEL=trace, fake Agora)', () => {
  let push: MediaPushApp;
  let written = '';
  const restores: (() => void)[] = [];
  const capture = (chunk: unknown) => {
    written += String(chunk);
    return true;
  };

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write;
      stream.write = capture as typeof stream.write;
      restores.push(() => (stream.write = write));
    }
    push = await startMediaPushApp({ LOG_LEVEL: 'trace' }, [], {
      requestLogs: true,
      logger: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
      logStream: { write: capture },
    });
  });
  afterAll(async () => {
    await push.close();
    restores.forEach((restore) => restore());
  });

  const call = (method: 'POST' | 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    push.app.inject({ method, url, headers: push.headers.pusher, ...(payload ? { payload } : {}) });

  it('keeps every key out of the logs and the answers through a converter’s whole life', async () => {
    await fc.assert(
      fc.asyncProperty(streamKey, streamKey, urlWith, urlWith, async (first, second, makeFirst, makeSecond) => {
        fc.pre(first !== second);
        written = '';
        const answers: string[] = [];
        const created = await call('POST', '/v1/media-push', { channel: 'secret-room', rtcStreamUid: 9, rtmpUrl: makeFirst(first) });
        const { id } = created.json<{ id: string }>();
        answers.push(created.body);
        answers.push((await call('GET', `/v1/media-push/${id}`)).body);
        answers.push((await call('GET', '/v1/media-push?channel=secret-room')).body);
        answers.push((await call('PATCH', `/v1/media-push/${id}`, { rtmpUrl: makeSecond(second) })).body);
        answers.push((await call('GET', `/v1/media-push/${id}`)).body);
        answers.push((await call('DELETE', `/v1/media-push/${id}`)).body);

        expect(created.statusCode).toBe(201);
        // The fake ran the converter with the keys: they did reach Agora, and only Agora.
        expect(push.fake.requests('update').at(-1)!.rawBody).toContain(second);
        expect(secretsFoundIn(written, { first, second })).toEqual([]);
        for (const answer of answers) expect([holdsPartOf(answer, first), holdsPartOf(answer, second)]).toEqual([false, false]);
        expect(written).toContain('media-push.update');
      }),
      { numRuns: 8 },
    );
  });

  it('passes on no Agora error text about a call that carried the URL, however Agora echoes the key', async () => {
    await fc.assert(
      fc.asyncProperty(streamKey, urlWith, fc.constantFrom('create', 'update') as fc.Arbitrary<'create' | 'update'>, fc.nat(10), async (key, makeUrl, operation, form) => {
        const url = makeUrl(key);
        const echoes = [url, key, encodeURIComponent(url), Buffer.from(url).toString('base64'), JSON.stringify(url)];
        push.fake.on(operation, { status: 400, body: { message: `Invalid parameter: rtmpUrl ${echoes[form % echoes.length]}. Replace it, and retry.` } }, push.fake.responder(operation));
        written = '';
        let answer;
        if (operation === 'create') answer = await call('POST', '/v1/media-push', { channel: 'echo-room', rtcStreamUid: 9, rtmpUrl: url });
        else {
          const { id } = (await call('POST', '/v1/media-push', { channel: 'echo-room', rtcStreamUid: 9, rtmpUrl: 'rtmp://live.example.com/app/first-key-000' })).json<{ id: string }>();
          answer = await call('PATCH', `/v1/media-push/${id}`, { rtmpUrl: url });
        }

        expect(answer.statusCode).toBe(502);
        expect(answer.json().upstream).toEqual({ status: 400 });
        expect(holdsPartOf(answer.body, key)).toBe(false);
        expect(secretsFoundIn(written, { key })).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('passes on no Agora error text about a running converter (get, list, delete), which may repeat its URL', async () => {
    await fc.assert(
      fc.asyncProperty(streamKey, urlWith, fc.constantFrom('get', 'list', 'delete') as fc.Arbitrary<'get' | 'list' | 'delete'>, async (key, makeUrl, operation) => {
        const url = makeUrl(key);
        const { id } = (await call('POST', '/v1/media-push', { channel: 'echo-room', rtcStreamUid: 9, rtmpUrl: url })).json<{ id: string }>();
        push.fake.on(operation, ...Array<object>(4).fill({ status: 500, body: { message: `converter pushing to ${url} failed`, reason: key } }), push.fake.responder(operation));
        written = '';
        const answer = operation === 'list' ? await call('GET', '/v1/media-push') : await call(operation === 'get' ? 'GET' : 'DELETE', `/v1/media-push/${id}`);

        expect(answer.statusCode).toBe(502);
        expect(answer.json().upstream).toEqual({ status: 500 });
        expect(holdsPartOf(answer.body, key)).toBe(false);
        expect(secretsFoundIn(written, { key })).toEqual([]);
      }),
      { numRuns: 9 },
    );
  });

  it('refuses a malformed push URL without repeating it, in the problem or the logs', async () => {
    await fc.assert(
      fc.asyncProperty(
        streamKey,
        fc.constantFrom(
          (key: string) => `http://live.example.com/app/${key}`,
          (key: string) => `rtmp:/live.example.com/app/${key}`,
          (key: string) => `rtmp://live.example.com/app/${key} `,
          (key: string) => `rtmp:///${key}`,
          (key: string) => `rtmp://live.example.com/app/${key}${'x'.repeat(1024)}`,
        ),
        async (key, makeUrl) => {
          written = '';
          const created = await call('POST', '/v1/media-push', { channel: 'bad-url', rtcStreamUid: 9, rtmpUrl: makeUrl(key) });
          const updated = await call('PATCH', '/v1/media-push/any-id', { rtmpUrl: makeUrl(key) });

          expect([created.statusCode, updated.statusCode]).toEqual([400, 400]);
          expect(created.json().errors).toEqual([{ field: 'rtmpUrl', message: expect.stringContaining('rtmpUrl must be an rtmp:// or rtmps:// URL') }]);
          for (const answer of [created, updated]) expect(holdsPartOf(answer.body, key)).toBe(false);
          expect(secretsFoundIn(written, { key })).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
