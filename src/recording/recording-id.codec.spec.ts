import fc from 'fast-check';
import { ownerOf } from '../auth/caller-owner.js';
import { RECORDING_MODES, type RecordingHandle } from './recording-handle.js';
import { openRecordingId, projectNamedBy, recordingIdKey, sealRecordingId } from './recording-id.codec.js';

describe('recording ids', () => {
  const key = recordingIdKey('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'customer-secret-1');
  const base64ish = fc.stringMatching(/^[A-Za-z0-9_-]{16,400}$/);
  const handle: fc.Arbitrary<RecordingHandle> = fc.record({
    project: fc.stringMatching(/^[A-Za-z0-9][\w.-]{0,63}$/),
    mode: fc.constantFrom(...RECORDING_MODES),
    channel: fc.string({ minLength: 1, maxLength: 64 }),
    uid: fc.integer({ min: 1, max: 2 ** 32 - 1 }).map(String),
    resourceId: base64ish,
    sid: fc.stringMatching(/^[0-9a-f]{32}$/),
    owner: fc.string({ minLength: 1, maxLength: 255 }).map((id) => ownerOf({ kind: 'jwt', id })),
    startedAt: fc.integer({ min: 0, max: 2 ** 33 }),
  });

  it('opens what it sealed, with the same key, and the id fits a path parameter', () => {
    fc.assert(
      fc.property(handle, (sealed) => {
        const id = sealRecordingId(sealed, key);
        expect(id.length).toBeLessThanOrEqual(1024);
        expect(id).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(projectNamedBy(id)).toBe(sealed.project);
        expect(openRecordingId(id, key)).toEqual(sealed);
      }),
    );
  });

  it('refuses an id signed with another key: another project, or a rotated Customer Secret', () => {
    fc.assert(
      fc.property(handle, fc.string({ minLength: 1 }), (sealed, secret) => {
        fc.pre(secret !== 'customer-secret-1');
        const id = sealRecordingId(sealed, key);
        expect(openRecordingId(id, recordingIdKey('a1b2c3d4e5f60718293a4b5c6d7e8f90', secret))).toBeUndefined();
        expect(openRecordingId(id, recordingIdKey('ffffffffffffffffffffffffffffffff', 'customer-secret-1'))).toBeUndefined();
      }),
    );
  });

  it('refuses every change to an id, and never throws on any string', () => {
    fc.assert(
      fc.property(handle, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (sealed, at, char) => {
        const id = sealRecordingId(sealed, key);
        const index = at % id.length;
        fc.pre(id[index] !== char);
        const changed = id.slice(0, index) + char + id.slice(index + 1);
        expect(openRecordingId(changed, key)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 1100 }), (anything) => {
        expect(openRecordingId(anything, key)).toBeUndefined();
        expect(() => projectNamedBy(anything)).not.toThrow();
      }),
    );
  });

  it('names an owner by kind and id, the same on every replica, and anonymous callers as one', () => {
    expect(ownerOf({ kind: 'apikey', id: 'k1', policy: {} })).toBe(ownerOf({ kind: 'apikey', id: 'k1', policy: { kinds: ['rtc'] } }));
    expect(ownerOf({ kind: 'apikey', id: 'k1', policy: {} })).not.toBe(ownerOf({ kind: 'apikey', id: 'k2', policy: {} }));
    expect(ownerOf({ kind: 'apikey', id: 'alice', policy: {} })).not.toBe(ownerOf({ kind: 'jwt', id: 'alice' }));
    expect(ownerOf({ kind: 'anonymous', id: '10.0.0.1' })).toBe(ownerOf({ kind: 'anonymous', id: '10.0.0.2' }));
  });
});
