import fc from 'fast-check';
import type { RecordedRequest } from './support/fake-agora.js';
import { STREAM_KEY_SECRETS, startStreamKeysApp, type StreamKeysApp } from './support/fake-agora-stream-keys.js';
import { encodingsOf, secretsFoundIn } from './support/secret-encodings.js';

/** Whether `text` holds any 12 characters (any case) of any encoding of `secret`. */
function holdsPartOf(text: string, secret: string): boolean {
  const lower = text.toLowerCase();
  return Object.values(encodingsOf(secret)).some((form) => {
    for (let at = 0; at + 12 <= form.length; at++) if (lower.includes(form.slice(at, at + 12).toLowerCase())) return true;
    return false;
  });
}

/**
 * A stream key lets whoever holds it publish into the channel: it is answered once, by its creation, and then never
 * again: not by GET, lists, deletes or problems, not in the id (sealed), not in any log line at any level, in any
 * encoding, even when Agora's error answers repeat it.
 */
describe('Stream keys are shown once and never logged (e2e, fake Agora, LOG_LEVEL=trace)', () => {
  let keys: StreamKeysApp;
  let written = '';
  const later: string[] = [];
  const streamKeys: string[] = [];

  beforeAll(async () => {
    keys = await startStreamKeysApp({ LOG_LEVEL: 'trace' }, undefined, { requestLogs: true, logger: undefined, logStream: { write: (line: string) => void (written += line) } });
  });
  afterAll(() => keys.close());

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const answer = await keys.app.inject({ method, url, headers: keys.headers, ...(payload ? { payload } : {}) });
    if (method !== 'POST') later.push(answer.body);
    return answer;
  };
  const create = async (channel: string, uid: number) => {
    const created = (await call('POST', '/v1/stream-keys', { channel, uid, expiresAfterSeconds: 600 })).json<{ id: string; streamKey: string }>();
    streamKeys.push(created.streamKey);
    return created;
  };

  it('withholds Agora’s error texts on a key’s calls, which could repeat the key in any encoding', async () => {
    const { id, streamKey } = await create('echo-stage', 1);
    const echoed = fc.record({ form: fc.nat(), before: fc.string({ maxLength: 8 }), operation: fc.constantFrom('query' as const, 'delete' as const), status: fc.constantFrom(400, 403, 500) });
    await fc.assert(
      fc.asyncProperty(echoed, async ({ form, before, operation, status }) => {
        const forms = Object.values(encodingsOf(streamKey));
        keys.fake.on(operation, (request: RecordedRequest) => ({ status, body: { message: `${before}${forms[form % forms.length]} of ${request.path}` } }));
        const answer = await call(operation === 'query' ? 'GET' : 'DELETE', `/v1/stream-keys/${id}`);

        expect(answer.json()).toEqual(expect.objectContaining({ status: 502, upstream: { status } }));
        expect(holdsPartOf(answer.body, streamKey)).toBe(false);
      }),
      { numRuns: 30 },
    );
    keys.fake.on('query', keys.fake.responder('query'));
    keys.fake.on('delete', keys.fake.responder('delete'));
  });

  it('answers the key only to its creation: never in the id, GET, lists, deletes, problems or any log line', async () => {
    const first = await create('secret-stage', 2);
    const second = await create('secret-stage', 3);
    await call('POST', '/v1/stream-keys', { channel: 'secret-stage', uid: 3, expiresAfterSeconds: 600 }); // 409: Agora has one
    await call('GET', `/v1/stream-keys/${first.id}`);
    await call('GET', '/v1/stream-keys?channel=secret-stage');
    await call('GET', '/v1/stream-keys');
    await call('DELETE', `/v1/stream-keys/${first.id}`);
    await call('DELETE', `/v1/stream-keys/${first.id}`); // 404: Agora no longer has it
    await call('GET', `/v1/stream-keys/${first.id}`);
    keys.fake.on('query', { status: 503, body: { message: 'Service overload.' } });
    await call('GET', `/v1/stream-keys/${second.id}`); // retried, then 502
    keys.fake.on('query', keys.fake.responder('query'));
    await call('DELETE', `/v1/stream-keys/${second.id}`);

    const secrets = Object.fromEntries([...streamKeys.map((key, index) => [`stream key ${index}`, key]), ['customer secret', STREAM_KEY_SECRETS.customerSecret]]);
    expect(written).toContain('stream-keys.create');
    expect(written).toContain('/v1/stream-keys');
    expect(secretsFoundIn(written, secrets)).toEqual([]);
    expect(secretsFoundIn(later.join('\n'), secrets)).toEqual([]);
    for (const [index, { id }] of [first, second].entries()) expect(secretsFoundIn(id, { key: streamKeys[index + 1] })).toEqual([]);
  });
});
