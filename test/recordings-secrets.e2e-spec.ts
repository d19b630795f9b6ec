import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { RecordedRequest } from './support/fake-agora.js';
import { FakeAgoraRecording, RECORDING_SECRETS } from './support/fake-agora-recording.js';
import { encodingsOf } from './support/secret-encodings.js';
import { startRecordingApp, type RecordingApp } from './support/recording-app.js';

const AUTHORIZATION = `Basic ${Buffer.from(`${RECORDING_SECRETS.customerId}:${RECORDING_SECRETS.customerSecret}`).toString('base64')}`;

/** How an echoing Agora repeats a secret: which encoding (the logs' forms, or JSON-escaped), in which case, whole or any 12 characters of it. */
const echoChoice = fc.record({ form: fc.nat(), casing: fc.constantFrom('as is', 'upper', 'lower'), window: fc.option(fc.nat()) });
type EchoChoice = typeof echoChoice extends fc.Arbitrary<infer T> ? T : never;

function echoOf(secret: string, { form, casing, window }: EchoChoice): string {
  const forms = [...Object.values(encodingsOf(secret)), JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/')];
  const chosen = forms[form % forms.length];
  const cased = casing === 'upper' ? chosen.toUpperCase() : casing === 'lower' ? chosen.toLowerCase() : chosen;
  return window === null ? cased : cased.slice(window % (cased.length - 11), (window % (cased.length - 11)) + 12);
}

/** Whether `text` holds any 12 characters (any case) of any encoding of `secret`: what the answers must never hold. */
function holdsPartOf(text: string, secret: string): boolean {
  const lower = text.toLowerCase();
  return Object.values(encodingsOf(secret)).some((form) => {
    for (let at = 0; at + 12 <= form.length; at++) if (lower.includes(form.slice(at, at + 12).toLowerCase())) return true;
    return false;
  });
}

/**
 * An Agora error answer may repeat what it was sent, in any encoding. A start's body holds the storage keys and the
 * bot's token, so its errors pass only status and code; other calls pass Agora's texts unless they repeat the
 * Customer Secret or the Authorization value in any form.
 */
describe('Cloud recording: Agora’s error texts never carry a secret back (e2e, fake Agora)', () => {
  let recording: RecordingApp;
  let fake: FakeAgoraRecording;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    recording = await startRecordingApp();
    ({ fake, app, headers } = recording);
  });
  afterAll(() => recording.close());
  afterEach(() => {
    fake.on('start', fake.responder('start'));
    fake.on('query', fake.responder('query'));
  });

  it('answers a start whose error echoes the storage secret key or the bot token, in any encoding, with status and code only', async () => {
    const echoed = fc.record({
      secret: fc.constantFrom('storage secret key' as const, 'bot token' as const),
      echo: echoChoice,
      before: fc.string({ maxLength: 8 }),
      after: fc.string({ maxLength: 8 }),
      field: fc.constantFrom('reason', 'message'),
    });
    await fc.assert(
      fc.asyncProperty(echoed, async ({ secret, echo, before, after, field }) => {
        let token = '';
        fake.on('start', (request: RecordedRequest) => {
          token = (request.body as { clientRequest: { token: string } }).clientRequest.token;
          const value = secret === 'bot token' ? token : RECORDING_SECRETS.secretKey;
          return { status: 400, body: { code: 2, [field]: `${before}${echoOf(value, echo)}${after}` } };
        });
        const answer = await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel: 'echo-room', mode: 'mix' } });

        expect(answer.statusCode).toBe(502);
        expect(answer.json<{ upstream: unknown }>().upstream).toEqual({ status: 400, code: 2 });
        expect(token).not.toBe('');
        for (const value of [token, RECORDING_SECRETS.secretKey, RECORDING_SECRETS.customerSecret]) expect(holdsPartOf(answer.body, value)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('withholds a query error text that echoes the Customer Secret or the Authorization value in any encoding, and keeps a plain one', async () => {
    const { id } = (await app.inject({ method: 'POST', url: '/v1/recordings', headers, payload: { channel: 'query-room', mode: 'mix' } })).json<{ id: string }>();
    const echoed = fc.record({
      secret: fc.constantFrom(RECORDING_SECRETS.customerSecret, AUTHORIZATION, AUTHORIZATION.slice('Basic '.length)),
      echo: echoChoice,
      before: fc.string({ maxLength: 8 }),
      after: fc.string({ maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(echoed, async ({ secret, echo, before, after }) => {
        fake.on('query', { status: 400, body: { code: 2, reason: `${before}${echoOf(secret, echo)}${after}` } });
        const answer = await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers });

        expect(answer.json<{ upstream: unknown }>().upstream).toEqual({ status: 400, code: 2, reason: '(withheld: it repeated part of the request)' });
        for (const value of [RECORDING_SECRETS.customerSecret, AUTHORIZATION]) expect(holdsPartOf(answer.body, value)).toBe(false);
      }),
      { numRuns: 60 },
    );
    fake.on('query', { status: 400, body: { code: 2, reason: 'invalid params' } });
    const plain = await app.inject({ method: 'GET', url: `/v1/recordings/${id}`, headers });
    expect(plain.json<{ upstream: unknown }>().upstream).toEqual({ status: 400, code: 2, reason: 'invalid params' });
  });
});
