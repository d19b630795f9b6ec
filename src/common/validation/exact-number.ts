const LITERAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Whether a JSON number literal means the number JSON.parse made of it, for the literals that parse
 * to a whole number. JSON.parse rounds to the nearest double: `1e-400` becomes 0 (uid 0 is "any
 * user"), `4294967294.99999999` becomes 4294967295. Such a literal does not mean a whole number,
 * and is refused rather than signed as one. Other spellings of a whole number (`42.0`, `4.2e1`)
 * mean it exactly and are that number. A literal that parses to a fraction, or to a number past
 * 2^53 (beyond every bound of this API), is left to the DTO's rules.
 */
export function meansParsedInteger(raw: string, parsed: number): boolean {
  if (!Number.isSafeInteger(parsed)) return true;
  const match = LITERAL.exec(raw);
  if (!match) return false;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let scale = Number(exponent) - fraction.length;
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  scale += trailing;
  if (digits === '') return parsed === 0;
  if (scale < 0) return false;
  const exact = BigInt(digits) * 10n ** BigInt(scale);
  return (sign === '-' ? -exact : exact) === BigInt(parsed);
}
