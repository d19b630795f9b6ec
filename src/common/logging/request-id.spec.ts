import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function withHeader(value?: string | string[]): IncomingMessage {
  return { headers: value === undefined ? {} : { 'x-request-id': value } } as IncomingMessage;
}

describe('requestIdOf', () => {
  it.each(['abc-123', '4f9c2a1e-8b7d-4c3e-9f10-2a3b4c5d6e7f', '01HZX3K7Q8', 'trace:span/1+a=b@c', 'x'.repeat(128)])(
    'keeps a safe id sent by the caller: %s',
    (sent) => {
      expect(requestIdOf(withHeader(sent))).toBe(sent);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['a line break', 'abc\ndef'],
    ['a quote', 'abc"def'],
    ['a space', 'abc def'],
    ['non-ASCII', 'idé'],
    ['repeated headers', ['a', 'b']],
  ])('generates a UUID when the sent id is %s', (_case, sent) => {
    expect(requestIdOf(withHeader(sent))).toMatch(UUID);
  });

  it('generates a different id for each request', () => {
    expect(requestIdOf(withHeader())).not.toBe(requestIdOf(withHeader()));
  });
});
