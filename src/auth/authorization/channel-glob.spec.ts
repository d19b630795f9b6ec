import fc from 'fast-check';
import { matchesAnyGlob, matchesGlob } from './channel-glob.js';

describe('matchesGlob', () => {
  it.each([
    ['team-42', 'team-*', true],
    ['team-', 'team-*', true],
    ['team', 'team-*', false],
    ['my-team-42', 'team-*', false],
    ['room', '*', true],
    ['*', '*', true],
    ['a-b-c', '*-*-*', true],
    ['a-b', '*-*-*', false],
    ['room?', 'room?', true],
    ['roomX', 'room?', false],
    ['[x]', '[x]', true],
    ['x', '[x]', false],
    ['abcabd', '*abd', true],
    ['', '*', true],
    ['', '', true],
    ['a', '', false],
  ])('%j against %j → %s', (text, pattern, expected) => {
    expect(matchesGlob(text, pattern)).toBe(expected);
  });

  it('agrees with an equivalent regular expression on random input', () => {
    const chars = fc.constantFrom('a', 'b', '-', '?', '.');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 12 }), fc.string({ unit: fc.oneof(chars, fc.constant('*')), maxLength: 8 }), (text, pattern) => {
        const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.?\\-]/g, '\\$&')).join('.*')}$`, 's');
        expect(matchesGlob(text, pattern)).toBe(regex.test(text));
      }),
    );
  });

  it('matches when any pattern does', () => {
    expect(matchesAnyGlob('lobby', ['team-*', 'lobby'])).toBe(true);
    expect(matchesAnyGlob('other', ['team-*', 'lobby'])).toBe(false);
    expect(matchesAnyGlob('lobby', [])).toBe(false);
  });
});
