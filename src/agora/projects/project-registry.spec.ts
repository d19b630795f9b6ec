import fc from 'fast-check';
import { ConfigValidationError } from '../../config/env-validation.js';
import type { AgoraProject } from './project.interface.js';
import { ProjectRegistry } from './project-registry.js';

const VIDEO: AgoraProject = { name: 'video', appId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', certificate: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' };
const CHAT: AgoraProject = { name: 'chat', appId: 'B1B2C3D4E5F60718293A4B5C6D7E8F90', certificate: '1f1e2d3c4b5a69788796a5b4c3d2e1f0' };

describe('ProjectRegistry', () => {
  it('finds a project by name or App ID (either case), the first by default, and nothing for a mismatch', () => {
    const registry = new ProjectRegistry(() => ({ projects: [VIDEO, CHAT] }));
    expect(registry.find({})).toBe(VIDEO);
    expect(registry.find({ project: 'chat' })).toBe(CHAT);
    expect(registry.find({ appId: CHAT.appId.toLowerCase() })).toBe(CHAT);
    expect(registry.find({ project: 'chat', appId: CHAT.appId })).toBe(CHAT);
    expect(registry.find({ project: 'chat', appId: VIDEO.appId })).toBeUndefined();
    expect(registry.find({ project: 'nope' })).toBeUndefined();
    expect(registry.find({ appId: 'f'.repeat(32) })).toBeUndefined();
  });

  it('swaps a reloaded configuration in whole, with its generation and load time', () => {
    const times = [new Date('2026-11-30T08:00:00Z'), new Date('2026-11-30T09:00:00Z')];
    let configuration: AgoraProject[] = [VIDEO];
    const registry = new ProjectRegistry(() => ({ projects: configuration }), () => times.shift()!);
    const before = registry.current;
    const rotated = { ...VIDEO, certificate: CHAT.certificate, secondaryCertificate: VIDEO.certificate };
    configuration = [rotated, CHAT];
    expect(registry.reload()).toEqual({ accepted: true, generation: 2 });
    expect(registry.current).toMatchObject({ generation: 2, loadedAt: new Date('2026-11-30T09:00:00Z'), default: rotated });
    expect(registry.find({ project: 'chat' })).toBe(CHAT);
    // A reader holding the old generation still sees it whole.
    expect(before).toMatchObject({ generation: 1, projects: [VIDEO], default: VIDEO });
    expect(before.byName.get('chat')).toBeUndefined();
  });

  it('keeps the generation when a reload finds the projects it already serves', () => {
    let configuration: AgoraProject[] = [VIDEO, CHAT];
    const registry = new ProjectRegistry(() => ({ projects: configuration }));
    const before = registry.current;
    configuration = [{ ...VIDEO }, { ...CHAT }];
    expect(registry.reload()).toEqual({ accepted: true, unchanged: true, generation: 1 });
    expect(registry.current).toBe(before);
    // Order counts: the first project is the default.
    configuration = [CHAT, VIDEO];
    expect(registry.reload()).toEqual({ accepted: true, generation: 2 });
    expect(registry.find({})).toBe(CHAT);
  });

  it('takes a reload that changes only REST credentials (added, rotated, removed) as a new generation', () => {
    const rest = fc.record({ customerId: fc.stringMatching(/^[!-9;-~]{1,32}$/), customerSecret: fc.stringMatching(/^[!-~]{1,32}$/) });
    fc.assert(
      fc.property(fc.option(rest, { nil: undefined }), fc.option(rest, { nil: undefined }), (before, after) => {
        let configuration: AgoraProject[] = [{ ...VIDEO, ...(before ? { rest: before } : {}) }];
        const registry = new ProjectRegistry(() => ({ projects: configuration }));
        configuration = [{ ...VIDEO, ...(after ? { rest: { ...after } } : {}) }];
        const same = before?.customerId === after?.customerId && before?.customerSecret === after?.customerSecret;
        expect(registry.reload()).toEqual(same ? { accepted: true, unchanged: true, generation: 1 } : { accepted: true, generation: 2 });
        expect(registry.current.default.rest).toEqual(same ? before : after);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the current configuration, unchanged, when a reload fails to load, whatever the failure', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (problems) => {
        let fail = false;
        const registry = new ProjectRegistry(() => {
          if (fail) throw new ConfigValidationError(problems);
          return { projects: [VIDEO] };
        });
        const before = registry.current;
        fail = true;
        expect(registry.reload()).toEqual({ accepted: false, problems });
        expect(registry.current).toBe(before);
        expect(registry.find({})).toBe(VIDEO);
      }),
    );
  });
});
