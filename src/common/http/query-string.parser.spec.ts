import fc from 'fast-check';
import { parseQueryString } from './query-string.parser.js';

describe('parseQueryString', () => {
  it('decodes what a form or URLSearchParams encodes, + as a space, back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (name, value) => {
        fc.pre(name !== '');
        const query = new URLSearchParams([[name, value]]).toString();
        expect(query).not.toContain('%20');
        expect({ ...parseQueryString(query) }).toEqual({ [name]: value });
      }),
    );
  });

  it('keeps every value of a repeated name, in order, so routes can refuse the repetition', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{0,8}$/), { minLength: 2, maxLength: 5 }), (values) => {
        expect(parseQueryString(values.map((value) => `x=${value}`).join('&')).x).toEqual(values);
      }),
    );
  });

  it('reads a name without = as an empty value, and skips empty pairs', () => {
    expect({ ...parseQueryString('a&&b=1&') }).toEqual({ a: '', b: '1' });
  });
});
