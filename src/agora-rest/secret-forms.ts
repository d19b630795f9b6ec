/** Matching looks for any run of this many characters of a secret's form: an echo of part of it is caught too. */
const WINDOW = 12;

/**
 * Every form in which a text can carry a secret's bytes: as written, JSON-escaped (also every character as
 * `\uXXXX`), as a list of byte values, hex, URL-encoded (also byte by byte), and base64 and base64url at each of
 * the 3 byte offsets the secret can start at inside a longer encoded value (only the characters its bytes alone
 * decide, so it is found whatever surrounds it). The same forms test/support/secret-encodings.ts checks logs for.
 */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const numbers = [...bytes];
  const hex = bytes.toString('hex');
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    [...secret].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    numbers.join(','),
    numbers.join(', '),
    hex,
    encodeURIComponent(secret),
    numbers.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
  ];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const inner = encoded.slice([0, 2, 3][offset], Math.floor(((offset + bytes.length) * 8) / 6));
    forms.push(inner, inner.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms.filter((form) => form !== '');
}

/**
 * The runs of characters (lower-cased) a text must not contain to be free of `secrets`: every {@link WINDOW}-character
 * window of every form of each (the whole form when shorter). Matching ignores case, so hex, percent-encodings and
 * a text an upstream upper-cased are caught alike (a base64 form that only differs in case is withheld too: safe).
 */
export function secretWindows(secrets: readonly string[]): Set<string> {
  const windows = new Set<string>();
  for (const form of secrets.flatMap(secretForms)) {
    const lower = form.toLowerCase();
    const size = Math.min(WINDOW, lower.length);
    for (let start = 0; start + size <= lower.length; start++) windows.add(lower.slice(start, start + size));
  }
  return windows;
}

/** Whether `text` carries any of the windows {@link secretWindows} made. */
export function repeatsSecret(text: string, windows: ReadonlySet<string>): boolean {
  const lower = text.toLowerCase();
  for (const window of windows) if (lower.includes(window)) return true;
  return false;
}
