/**
 * The service's one rule for text: every string it reads (a JSON key or value at any depth, a query
 * parameter, a path segment, a JWT claim) must be well-formed Unicode. A lone UTF-16 surrogate
 * (`"\ud800"`) has no UTF-8 encoding: Agora's byte limits cannot be measured on it, and signing it
 * would put U+FFFD, a different name, in the token. Such input is refused with a 400, never repaired.
 */
export function isWellFormedText(value: string): boolean {
  return value.isWellFormed();
}

/** The message a refused field gets, wherever it came from. */
export const ILL_FORMED_TEXT = 'must be well-formed Unicode text (it contains a lone UTF-16 surrogate)';
