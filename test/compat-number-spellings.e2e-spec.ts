import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { UINT32_MAX } from '../src/agora/agora.constants.js';
import { get, postJson } from './support/http.js';
import { decodeIssued, fieldErrors, nowSeconds } from './support/legacy-tokens.js';
import { createTestApp } from './support/test-app.js';

/**
 * What is a number on each legacy route (docs/migration.md, "What is a number"), with generated
 * spellings: a rule about a number compares the number, so `00` is 0 wherever `0` means something,
 * and a route that signed its string as sent keeps every other spelling a distinct user.
 */

const RUNS = { numRuns: 25 };
/** `n` spelled with 0 to 4 leading zeros. */
const spelled = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.nat(4)).map(([n, zeros]) => ({ n, text: '0'.repeat(zeros) + String(n) }));
/** Zero in ASCII digits: `0`, `00`, … */
const zero = fc.integer({ min: 1, max: 10 }).map((n) => '0'.repeat(n));
/** Zero, or another number, not spelled in ASCII digits only. */
const notDigits = fc.oneof(
  fc.constantFrom('+0', '-0', ' 0', '0.0', '0e0', '0x0', '\u0660', '\uff10', '+42', '4.2', '1e3'),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[0-9]+$/.test(s) && s.trim() === s),
);
/** The uid string a token carries for a numeric uid: 0 is "any user", the empty string. */
const signedUid = (n: number) => (n === 0 ? '' : String(n));

describe('Spellings of numbers on the legacy routes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  describe('agora-token-service (numbers as its ParseUint read them: ASCII digits, leading zeros allowed)', () => {
    it('/rte without an RTM user refuses uid 0 in every spelling, as it refuses 0', async () => {
      await fc.assert(fc.asyncProperty(zero, fc.constantFrom('publisher', 'subscriber'), async (uid, role) => {
        expect(fieldErrors(await get(app, `/rte/room/${role}/uid/${uid}/`))).toEqual([
          { field: 'rtmuid', message: 'rtmuid is required when rtcuid is 0, which names no Signaling user' },
        ]);
      }), RUNS);
    });

    it('/rte signs any other spelling as that uid, and the RTM user as sent', async () => {
      await fc.assert(fc.asyncProperty(spelled(1, UINT32_MAX), async ({ n, text }) => {
        const before = nowSeconds();
        const body = (await get(app, `/rte/room/publisher/uid/${text}`)).json();
        expect(decodeIssued(body.rtcToken, before).rtc?.uid).toBe(String(n));
        expect(decodeIssued(body.rtmToken, before).rtm?.userId).toBe(text);
      }), RUNS);
    });

    it('/rtc/…/uid/ and POST /getToken sign every spelling of a number as that uid', async () => {
      await fc.assert(fc.asyncProperty(spelled(0, UINT32_MAX), async ({ n, text }) => {
        const before = nowSeconds();
        const path = decodeIssued((await get(app, `/rtc/room/publisher/uid/${text}`)).json().rtcToken, before);
        const body = decodeIssued((await postJson(app, '/getToken', { tokenType: 'rtc', channel: 'room', uid: text })).json().token, before);
        expect([text, path.rtc?.uid, body.rtc?.uid]).toEqual([text, signedUid(n), signedUid(n)]);
      }), RUNS);
    });

    it('POST /getToken signs anything that is not digits as that account; the path refuses it for tokenType uid', async () => {
      await fc.assert(fc.asyncProperty(notDigits, async (text) => {
        const before = nowSeconds();
        const body = decodeIssued((await postJson(app, '/getToken', { tokenType: 'rtc', channel: 'room', uid: text })).json().token, before);
        expect(body.rtc?.uid).toBe(text);
        // `.` and `..` are dot segments, which URL resolution removes before any router sees the path.
        if (text === '.' || text === '..') return;
        expect(fieldErrors(await get(app, `/rtc/room/publisher/uid/${encodeURIComponent(text)}`)).map((e) => e.field)).toEqual(['uid']);
      }), RUNS);
    });

    it('refuses a number past 4294967295 in any spelling, never truncating it', async () => {
      await fc.assert(fc.asyncProperty(fc.bigInt({ min: BigInt(UINT32_MAX) + 1n, max: 10n ** 30n }), fc.nat(3), async (n, zeros) => {
        const text = '0'.repeat(zeros) + n.toString();
        expect(fieldErrors(await get(app, `/rtc/room/publisher/uid/${text}`))).toEqual([
          { field: 'uid', message: 'uid must not be greater than 4294967295' },
        ]);
        expect(fieldErrors(await postJson(app, '/getToken', { tokenType: 'rtc', channel: 'room', uid: text })).map((e) => e.field)).toEqual(['uid']);
      }), RUNS);
    });

    it('GET /rtm refuses the user 0 in every spelling, and signs any other user as sent', async () => {
      await fc.assert(fc.asyncProperty(zero, spelled(1, 10 ** 9), async (nought, { text }) => {
        expect(fieldErrors(await get(app, `/rtm/${nought}`))).toEqual([{ field: 'uid', message: 'uid must be a user id other than 0' }]);
        const before = nowSeconds();
        expect(decodeIssued((await get(app, `/rtm/${text}`)).json().rtmToken, before).rtm?.userId).toBe(text);
      }), RUNS);
    });

    it('reads an expiry of 0 in any spelling as the default, and other spellings as their number', async () => {
      await fc.assert(fc.asyncProperty(zero, spelled(1, 86_400), async (nought, { n, text }) => {
        const before = nowSeconds();
        expect(decodeIssued((await get(app, `/chat/app?expiry=${nought}`)).json().chatToken, before).expire).toBe(3600);
        expect(decodeIssued((await get(app, `/rtm/alice?expiry=${text}`)).json().rtmToken, before).expire).toBe(n);
      }), RUNS);
    });
  });

  describe('Agora-Node-TokenServer /access_token (its builder signed the uid string as sent)', () => {
    it('signs a canonical decimal as that uid, and every other spelling as that account, never uid 0', async () => {
      const other = fc.oneof(zero.filter((z) => z !== '0'), spelled(0, UINT32_MAX).map(({ text }) => `0${text}`), notDigits);
      await fc.assert(fc.asyncProperty(spelled(0, UINT32_MAX), other, async ({ n }, text) => {
        const before = nowSeconds();
        const canonical = decodeIssued((await get(app, `/access_token?channelName=room&uid=${n}`)).json().token, before);
        const spelledOtherwise = decodeIssued(
          (await get(app, `/access_token?channelName=room&uid=${encodeURIComponent(text)}`)).json().token,
          before,
        );
        expect([canonical.rtc?.uid, spelledOtherwise.rtc?.uid]).toEqual([signedUid(n), text]);
      }), RUNS);
    });

    it('reads an expireTime of 0 in any spelling as the default', async () => {
      await fc.assert(fc.asyncProperty(zero, async (nought) => {
        const before = nowSeconds();
        expect(decodeIssued((await get(app, `/access_token?channelName=room&expireTime=${nought}`)).json().token, before).expire).toBe(3600);
      }), RUNS);
    });
  });

  describe('Express tutorial and Signaling sample (no rule about a number: users are strings)', () => {
    it('sign a Signaling user of digits, 0 included, as sent', async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(zero, spelled(0, UINT32_MAX).map(({ text }) => text)), async (user) => {
        const before = nowSeconds();
        const tutorial = decodeIssued((await postJson(app, '/rtmtoken', { user })).json().token, before);
        const sample = decodeIssued((await postJson(app, '/fetch_rtm_token', { uid: user })).json().token, before);
        expect([tutorial.rtm?.userId, sample.rtm?.userId]).toEqual([user, user]);
      }), RUNS);
    });
  });
});
