import fc from 'fast-check';
import { jsonLiterals } from './json-text.scanner.js';

/** The same walk over a parsed value, in the order JSON.stringify writes it. */
function expected(value: unknown, path = ''): Array<{ kind: string; path: string; raw: string }> {
  if (typeof value === 'string') return [{ kind: 'string', path, raw: JSON.stringify(value) }];
  if (typeof value === 'number') return [{ kind: 'number', path, raw: JSON.stringify(value) }];
  if (Array.isArray(value)) return value.flatMap((item, index) => expected(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      { kind: 'key', path, raw: JSON.stringify(key) },
      ...expected(item, path ? `${path}.${key}` : key),
    ]);
  }
  return [];
}

describe('jsonLiterals', () => {
  it('lists every key, string and number of a JSON text with its path, in the order written', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        expect([...jsonLiterals(text)]).toEqual(expected(JSON.parse(text)));
      }),
    );
  });

  it('finds the same literals whatever white space JSON allows stands between tokens', () => {
    const space = fc.stringMatching(/^[ \t\r\n]{0,3}$/);
    fc.assert(
      fc.property(fc.jsonValue(), fc.infiniteStream(space), (value, spaces) => {
        const compact = JSON.stringify(value);
        // White space after every structural character and before every colon and comma, outside strings.
        let text = '';
        let inString = false;
        for (let at = 0; at < compact.length; at++) {
          const char = compact[at];
          if (inString) {
            text += char;
            if (char === '\\') text += compact[++at];
            else if (char === '"') inString = false;
            continue;
          }
          if (char === '"') inString = true;
          text += (char === ':' || char === ',' ? spaces.next().value : '') + char + ('{[:,'.includes(char) ? spaces.next().value : '');
        }
        expect(JSON.parse(text)).toEqual(JSON.parse(compact));
        expect([...jsonLiterals(text)]).toEqual(expected(JSON.parse(text)));
      }),
    );
  });

  it('walks nesting deeper than a recursive walk could', () => {
    const depth = 50_000;
    const literals = [...jsonLiterals(`${'['.repeat(depth)}1${']'.repeat(depth)}`)];
    expect(literals).toEqual([{ kind: 'number', path: '[0]'.repeat(depth), raw: '1' }]);
  });
});
