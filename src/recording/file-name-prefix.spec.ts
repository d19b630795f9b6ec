import fc from 'fast-check';
import { botUid } from './bot-uid.js';
import { FILE_NAME_PREFIX_MAX, fileNamePrefix } from './file-name-prefix.js';

describe('fileNamePrefix', () => {
  it('keeps the channel’s letters and digits, then the UTC date and time', () => {
    expect(fileNamePrefix('team_42-demo', new Date('2026-01-30T09:45:12Z'))).toEqual(['team42demo', '20260130', '094512']);
    expect(fileNamePrefix('__--', new Date('2026-12-31T23:59:59.999Z'))).toEqual(['20261231', '235959']);
  });

  it('is made only of what Agora accepts, within 128 characters with the slashes, for any channel and time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 1024 }), fc.date({ min: new Date(0), max: new Date('9999-12-31'), noInvalidDate: true }), (channel, at) => {
        const prefix = fileNamePrefix(channel, at);
        expect(prefix.every((part) => /^[A-Za-z0-9]+$/.test(part))).toBe(true);
        expect(prefix.join('/').length).toBeLessThanOrEqual(FILE_NAME_PREFIX_MAX);
      }),
    );
  });
});

describe('botUid', () => {
  it('is an integer uid from 1 to 2^32 - 1, as a string', () => {
    for (let i = 0; i < 200; i++) {
      const uid = Number(botUid([]));
      expect(Number.isInteger(uid) && uid >= 1 && uid <= 2 ** 32 - 1).toBe(true);
    }
  });

  it('never names a uid the request lists', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 19 }), (listed) => {
        const picks = [...listed, 21];
        const uid = botUid(listed.map(String), () => picks.shift()!);
        expect(uid).toBe('21');
      }),
    );
  });
});
