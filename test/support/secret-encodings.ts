/**
 * Every form in which a log line can carry a secret's bytes: as written, as
 * the JSON array of numbers pino makes of a Buffer (a parser error's
 * `rawPacket`), base64 and base64url (at each of the 3 byte offsets the
 * secret can start at inside a longer encoded value), hex, and URL-encoded.
 * Each form is only the part that the secret's bytes alone decide, so it is
 * found whatever surrounds the secret.
 */
export function encodingsOf(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret, 'utf8');
  const numbers = [...bytes];
  const encodings: Record<string, string> = {
    plain: secret,
    'JSON byte array': numbers.join(','),
    'byte array with spaces': numbers.join(', '),
    hex: bytes.toString('hex'),
    HEX: bytes.toString('hex').toUpperCase(),
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded, every byte': numbers.map((n) => `%${hex2(n)}`).join(''),
    'url-encoded, every byte': numbers.map((n) => `%${hex2(n).toLowerCase()}`).join(''),
  };
  for (const offset of [0, 1, 2]) {
    const base64 = base64At(bytes, offset);
    encodings[`base64 at offset ${offset}`] = base64;
    encodings[`base64url at offset ${offset}`] = base64.replaceAll('+', '-').replaceAll('/', '_');
  }
  return encodings;
}

/**
 * Which of `secrets` (by name) appear in `text` in any form of {@link encodingsOf},
 * as `name (form)`: empty when none does.
 */
export function secretsFoundIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets).flatMap(([name, secret]) =>
    Object.entries(encodingsOf(secret))
      .filter(([, encoded]) => text.includes(encoded))
      .map(([form]) => `${name} (${form})`),
  );
}

/**
 * The base64 characters that depend on `bytes` only when they follow `offset`
 * other bytes: the first characters mix in the bits of the bytes before
 * (none at offset 0, 2 characters at 1, 3 at 2), the last one those after.
 */
function base64At(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const skip = [0, 2, 3][offset];
  const whole = Math.floor(((offset + bytes.length) * 8) / 6);
  return encoded.slice(skip, whole);
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
