import fc from 'fast-check';
import type { AgoraAnswer } from '../src/agora-rest/agora-call.interface.js';
import { AgoraUpstreamError } from '../src/agora-rest/agora-upstream.error.js';
import { headersOf } from '../src/common/problem/problem-headers.js';
import { toProblem } from '../src/common/problem/to-problem.js';
import { restClient, restProject, type RestClientUnderTest } from './support/agora-rest-client.js';
import { FakeAgora, type FakeResponder, type RecordedRequest } from './support/fake-agora.js';
import { encodingsOf, secretsFoundIn } from './support/secret-encodings.js';

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
/** A storage key as a start call's body carries it: Agora must never get to repeat it to the caller. */
const STORAGE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** What an echoing Agora repeats of the request: the Authorization value, the secret in any encoding, a body secret. */
function echoes(customerSecret: string): fc.Arbitrary<(request: RecordedRequest) => string> {
  return fc.oneof(
    fc.constant((request: RecordedRequest) => String(request.headers.authorization)),
    fc.constantFrom(...Object.values(encodingsOf(customerSecret))).map((form) => () => form),
    fc.constant(() => STORAGE_SECRET),
  );
}

/** Anything a host may answer: any status, JSON of any shape, Agora's error shapes, echoes, garbage, silence, a drop. */
function answers(customerSecret: string): fc.Arbitrary<FakeResponder> {
  const status = fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(200, 201, 206, 400, 404, 429, 500, 503, 504));
  const delayMs = fc.integer({ min: 0, max: 40 });
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record({ code: fc.oneof(fc.integer(), fc.double()), reason: fc.string() }, { requiredKeys: ['code'] }),
    fc.record({ message: fc.string(), detail: fc.string() }),
  );
  const echoed = fc
    .tuple(status, fc.constantFrom('reason', 'message'), echoes(customerSecret), fc.string(), fc.string())
    .map(([code, field, echo, before, after]): FakeResponder => (request) => ({ status: code, body: { code: 2, [field]: `${before}${echo(request)}${after}` } }));
  return fc.oneof(
    fc.record({ status, body, delayMs }),
    fc.record({ status, raw: fc.string(), delayMs }),
    fc.record({ status, delayMs, headers: fc.constant({ 'retry-after': 'soon' }) }),
    fc.record({ destroy: fc.constant(true), delayMs }),
    echoed,
  );
}

describe('AgoraRestClient, whatever Agora answers', () => {
  let agora: FakeAgora;
  let rest: RestClientUnderTest;

  beforeAll(async () => {
    agora = await FakeAgora.start();
    rest = await restClient({ AGORA_API_BASE_URL: agora.url, AGORA_API_FALLBACK_URL: '' });
  });
  afterAll(async () => {
    await rest?.close();
    await agora?.close();
  });

  it('returns a 2xx answer or throws a 502/503/504 AgoraUpstreamError, never carrying a credential or the request body', async () => {
    const scenario = hex32.chain((customerSecret) =>
      fc.record({
        customerId: hex32,
        customerSecret: fc.constant(customerSecret),
        script: fc.array(answers(customerSecret), { minLength: 1, maxLength: 4 }),
        retry: fc.constantFrom('transient' as const, 'none' as const),
        transientStatus: fc.option(fc.constantFrom(206, 404, 500)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ customerId, customerSecret, script, retry, transientStatus }) => {
        agora.reset();
        rest.logs.length = 0;
        agora.accept({ customerId, customerSecret }).on('POST', '/v1/call', ...script);
        const authorization = `Basic ${Buffer.from(`${customerId}:${customerSecret}`).toString('base64')}`;
        let outcome: AgoraAnswer<unknown> | unknown;
        try {
          outcome = await rest.client.call({
            project: restProject({ customerId, customerSecret }),
            api: 'recording.start',
            method: 'POST',
            path: '/v1/call',
            body: { cname: 'room', clientRequest: { storageConfig: { secretKey: STORAGE_SECRET } } },
            timeoutMs: 500,
            retry,
            isTransient: transientStatus === null ? undefined : (answer) => answer.status === transientStatus,
          });
        } catch (error) {
          outcome = error;
        }
        if (outcome instanceof AgoraUpstreamError) {
          const answered = JSON.stringify({ problem: toProblem(outcome, '/v1/recordings', 'r'), headers: headersOf(outcome) });
          expect([502, 503, 504]).toContain(outcome.getStatus());
          expect(secretsFoundIn(answered, { customerSecret, authorization, storage: STORAGE_SECRET })).toEqual([]);
        } else {
          expect(Object.keys(outcome as object).sort()).toEqual(['body', 'status']);
          const { status } = outcome as AgoraAnswer<unknown>;
          expect(status >= 200 && status < 300).toBe(true);
        }
        expect(agora.requests.length).toBeGreaterThanOrEqual(1);
        expect(agora.requests.length).toBeLessThanOrEqual(4);
        expect(secretsFoundIn(rest.logs.join('\n'), { customerSecret, authorization, storage: STORAGE_SECRET })).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('withholds an error text that repeats the Authorization value or a request-body secret, and keeps an ordinary one', async () => {
    const credentials = { customerId: 'c0ffee00c0ffee00c0ffee00c0ffee00', customerSecret: '5ecre75ecre75ecre75ecre75ecre700' };
    agora.accept(credentials);
    agora.on('POST', '/v1/echo', (request) => ({ status: 400, body: { code: 2, reason: `bad header ${request.headers.authorization}`, message: `key ${STORAGE_SECRET}` } }));
    agora.on('POST', '/v1/plain', { status: 400, body: { code: 1013, reason: 'invalid channel name\n\u0007', message: 'x'.repeat(400) } });
    const call = (path: string) =>
      rest.client.call({ project: restProject(credentials), api: 'recording.start', method: 'POST', path, body: { secretKey: STORAGE_SECRET }, timeoutMs: 500, retry: 'none' });
    const echoed = await call('/v1/echo').catch((error: AgoraUpstreamError) => error);
    expect((echoed as AgoraUpstreamError).upstream).toEqual({
      status: 400,
      code: 2,
      reason: '(withheld: it repeated part of the request)',
      message: '(withheld: it repeated part of the request)',
    });
    const plain = await call('/v1/plain').catch((error: AgoraUpstreamError) => error);
    expect((plain as AgoraUpstreamError).upstream).toEqual({ status: 400, code: 1013, reason: 'invalid channel name', message: `${'x'.repeat(300)}…` });
  });
});
