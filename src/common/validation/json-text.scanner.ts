/** A string or number literal of a JSON text, with the dotted path of the field it is (or names, for a key). */
export interface JsonLiteral {
  kind: 'key' | 'string' | 'number';
  /** The field's path (`privileges.joinChannel`, `x[0]`); for a key, the path of the object holding it, or ''. */
  path: string;
  /** The literal as written, quotes and escapes included. */
  raw: string;
}

interface Container {
  array: boolean;
  path: string;
  /** The next element's index, or the key just read. */
  index: number;
  key: string | undefined;
}

/**
 * The string and number literals of a JSON text, in the order written, with where each is.
 * For what JSON.parse cannot tell: a number's spelling (`1e-400` parses to 0) and, for every
 * string, its field. Iterative, so no nesting depth that fits in a body can exhaust the stack.
 * Expects text that JSON.parse has accepted.
 */
export function* jsonLiterals(text: string): Generator<JsonLiteral> {
  const stack: Container[] = [];
  const here = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    if (top.array) return `${top.path}[${top.index}]`;
    return top.path ? `${top.path}.${top.key}` : (top.key ?? '');
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '{' || char === '[') {
      stack.push({ array: char === '[', path: here(), index: 0, key: undefined });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      const top = stack.at(-1);
      if (top?.array) top.index++;
    } else if (char === '"') {
      const end = closingQuote(text, at);
      const raw = text.slice(at, end + 1);
      const top = stack.at(-1);
      if (top && !top.array && isKey(text, end + 1)) {
        yield { kind: 'key', path: top.path, raw };
        top.key = JSON.parse(raw) as string;
      } else {
        yield { kind: 'string', path: here(), raw };
      }
      at = end;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      let end = at;
      while (end + 1 < text.length && NUMBER_CHARS.has(text[end + 1])) end++;
      yield { kind: 'number', path: here(), raw: text.slice(at, end + 1) };
      at = end;
    }
  }
}

const NUMBER_CHARS = new Set('0123456789+-.eE');

function closingQuote(text: string, open: number): number {
  let at = open + 1;
  while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at;
}

/** Whether the string ending before `from` is a key: the next character that is not white space is a colon. */
function isKey(text: string, from: number): boolean {
  let at = from;
  while (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r') at++;
  return text[at] === ':';
}
