import fc from 'fast-check';
import { meansParsedInteger } from './exact-number.js';

describe('meansParsedInteger', () => {
  it('is true for every JSON spelling of a safe whole number', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 }), (n, shift, zeros) => {
        // n × 10^-shift, written with the exponent that brings it back: 42 → 0.042e3, 42.00e0…
        const digits = String(Math.abs(n)).padStart(shift + 1, '0');
        const at = digits.length - shift;
        const raw = `${n < 0 ? '-' : ''}${digits.slice(0, at)}.${digits.slice(at)}${'0'.repeat(zeros)}e${shift}`.replace('.e', '.0e');
        expect(meansParsedInteger(raw, Number(raw))).toBe(true);
      }),
    );
  });

  it('is false for a literal that only rounds to a whole number', () => {
    const inexact = fc.oneof(
      fc.integer({ min: 324, max: 100_000 }).map((exponent) => `1e-${exponent}`),
      // Not 0: 0.000…7 is a tiny fraction, not a rounded whole number.
      fc.tuple(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), fc.integer({ min: 17, max: 60 })).map(
        ([n, negative, zeros]) => `${negative ? '-' : ''}${n}.${'0'.repeat(zeros)}7`,
      ),
      fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 17, max: 60 })).map(([n, nines]) => `${n}.${'9'.repeat(nines)}`),
    );
    fc.assert(
      fc.property(inexact, (raw) => {
        expect(Number.isInteger(Number(raw))).toBe(true);
        expect(meansParsedInteger(raw, Number(raw))).toBe(false);
      }),
    );
  });

  it('leaves fractions and numbers past 2^53 to the DTO', () => {
    expect(meansParsedInteger('1.5', 1.5)).toBe(true);
    expect(meansParsedInteger('74971995689830820', 74971995689830820)).toBe(true);
  });
});
