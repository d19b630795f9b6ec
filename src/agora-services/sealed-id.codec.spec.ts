import fc from 'fast-check';
import { MAX_SEALED_ID_LENGTH, openSealedId, projectOfSealedId, sealId, sealingKey } from './sealed-id.codec.js';

describe('sealed ids', () => {
  const key = sealingKey('media-push', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'customer-secret-1');
  const project = fc.stringMatching(/^[A-Za-z0-9][\w.-]{0,63}$/);
  const owner = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);
  const data = fc.record({ channel: fc.string({ minLength: 1, maxLength: 64 }), agoraId: fc.string({ maxLength: 200 }), region: fc.constantFrom('na', 'eu', 'ap', 'cn') });

  it('opens what it sealed with the same key and service, and the id is a short URL-safe path segment', () => {
    fc.assert(
      fc.property(project, owner, data, (name, who, content) => {
        const id = sealId('media-push', name, { owner: who, data: content }, key);
        expect(id).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(id.length).toBeLessThanOrEqual(MAX_SEALED_ID_LENGTH);
        expect(projectOfSealedId(id)).toBe(name);
        expect(openSealedId('media-push', id, key)).toEqual({ owner: who, data: content });
      }),
    );
  });

  it('never shows what it carries: a secret in the data is in no spelling of the id', () => {
    const streamKey = 'sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const id = sealId('stream-keys', 'default', { owner: 'o', data: { channel: 'lobby', streamKey } }, key);
    for (const spelling of [streamKey, Buffer.from(streamKey).toString('base64'), Buffer.from(streamKey).toString('base64url'), 'lobby']) {
      expect(id).not.toContain(spelling);
    }
    expect(Buffer.from(id.split('.')[1], 'base64url').toString('latin1')).not.toContain('lobby');
  });

  it('seals the same content to a different id each time', () => {
    const content = { owner: 'o', data: { channel: 'lobby' } };
    expect(sealId('media-pull', 'default', content, key)).not.toBe(sealId('media-pull', 'default', content, key));
  });

  it('opens nothing under another key, another service or another project name', () => {
    const id = sealId('media-push', 'video', { owner: 'o', data: { channel: 'lobby' } }, key);
    expect(openSealedId('media-push', id, sealingKey('media-push', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'customer-secret-2'))).toBeUndefined();
    expect(openSealedId('media-push', id, sealingKey('media-push', 'ffffffffffffffffffffffffffffffff', 'customer-secret-1'))).toBeUndefined();
    expect(openSealedId('media-pull', id, key)).toBeUndefined();
    const renamed = `${Buffer.from('audio').toString('base64url')}.${id.split('.')[1]}`;
    expect(openSealedId('media-push', renamed, key)).toBeUndefined();
  });

  it('opens nothing for any change to a genuine id (another spelling of the same bytes included), nor for any string', () => {
    const id = sealId('transcription', 'default', { owner: 'o', data: { channel: 'lobby', agentId: 'A1' } }, key);
    fc.assert(
      fc.property(fc.nat({ max: id.length - 1 }), fc.constantFrom(...'ABCabc019_-.'), (at, character) => {
        fc.pre(id[at] !== character);
        const changed = `${id.slice(0, at)}${character}${id.slice(at + 1)}`;
        expect(openSealedId('transcription', changed, key)).toBeUndefined();
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 1200 }), (text) => expect(openSealedId('transcription', text, key)).toBeUndefined()));
  });
});
