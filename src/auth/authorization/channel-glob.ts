/**
 * Whether `channel` matches one of the glob `patterns`. Only `*` is special
 * (any run of characters, possibly none): `?`, `[` and `]` are ordinary
 * channel characters in Agora's set, so they match themselves.
 *
 * @example
 * matchesAnyGlob('team-42', ['team-*']); // true
 * matchesAnyGlob('*', ['team-*']);       // false: the RTM "any channel" wildcard needs a pattern that allows it
 */
export function matchesAnyGlob(channel: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(channel, pattern));
}

/** Linear-time wildcard match (no regular expression, so no backtracking blow-up on odd patterns). */
export function matchesGlob(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
