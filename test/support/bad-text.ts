import fc from 'fast-check';

/** A lone UTF-16 surrogate, high or low: valid in a JSON string (`"\ud800"`), with no UTF-8 encoding. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Text holding a lone surrogate anywhere: first, last, alone or between ASCII. */
export const illFormedText = fc
  .tuple(fc.string({ maxLength: 8 }), loneSurrogate, fc.string({ maxLength: 8 }))
  .map(([before, surrogate, after]) => before + surrogate + after)
  .filter((text) => !text.isWellFormed());

/** Byte sequences that are not UTF-8: stray continuations, overlongs, surrogates, truncations, 0xF8–0xFF. */
export const notUtf8Bytes = fc.oneof(
  fc.integer({ min: 0x80, max: 0xbf }).map((byte) => [byte]),
  fc.integer({ min: 0xf8, max: 0xff }).map((byte) => [byte]),
  fc.constantFrom([0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80]),
  fc.tuple(fc.integer({ min: 0xa0, max: 0xbf }), fc.integer({ min: 0x80, max: 0xbf })).map(([b, c]) => [0xed, b, c]),
  fc.constantFrom([0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]),
);

/** The percent-escapes of byte sequences that are not UTF-8, and escapes that are not escapes. */
export const malformedEscape = fc.oneof(
  notUtf8Bytes.map((bytes) => bytes.map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%2', '%G1', '%%', '%zz', '%E2%82%'),
);
