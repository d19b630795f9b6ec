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

/**
 * The dotted path of the first string (key or value) in a parsed JSON value that is not
 * well-formed, or undefined when all are. A key that is itself ill-formed is named by its parent.
 */
export function illFormedPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isWellFormedText(value) ? undefined : path || 'body';
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = illFormedPath(value[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (!isWellFormedText(key)) return path || 'body';
    const found = illFormedPath(child, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}
