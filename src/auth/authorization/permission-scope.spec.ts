import fc from 'fast-check';
import type { RtmPermissions, TokenGrant } from '../../agora/token-grant.interface.js';
import type { ApiKeyCaller, JwtCaller } from '../caller.interface.js';
import { AccessRefused } from './access-refused.exception.js';
import { matchesAnyGlob } from './channel-glob.js';
import { TokenAuthorizer } from './token-authorizer.service.js';

describe('TokenAuthorizer, Signaling permissions', () => {
  const authorizer = new TokenAuthorizer();
  const RTM = { policyKind: 'rtm' } as const;
  const grant = (permissions: RtmPermissions): TokenGrant[] => [{ service: 'rtm', userId: 'alice', loginSeconds: 60, permissions }];
  const key = (channels: string[]): ApiKeyCaller => ({ kind: 'apikey', id: 'k', policy: { channels } });
  const user = (channels: string[]): JwtCaller => ({ kind: 'jwt', id: 'alice', channels });
  const passes = (act: () => unknown) => {
    try {
      act();
      return true;
    } catch (error) {
      if (error instanceof AccessRefused && error.rule === 'channels') return false;
      throw error;
    }
  };

  const channel = fc.oneof(fc.constant('*'), fc.stringMatching(/^[a-c*-]{1,6}$/));
  const list = fc.uniqueArray(fc.stringMatching(/^([a-c-]{1,6}|\*)$/), { minLength: 1, maxLength: 4 });
  const permissions = fc.record(
    { messageChannels: fc.record({ read: list, write: list }, { requiredKeys: [] }), streamChannels: fc.record({ read: list, write: list }, { requiredKeys: [] }) },
    { requiredKeys: [] },
  );
  const named = (asked: RtmPermissions) => [asked.messageChannels, asked.streamChannels].flatMap((access) => [...(access?.read ?? []), ...(access?.write ?? [])]);

  it('passes a key or a claim exactly when every named channel matches one of its globs (* only a glob for every channel)', () => {
    fc.assert(
      fc.property(permissions, fc.array(channel, { minLength: 1, maxLength: 3 }), (asked, globs) => {
        const expected = named(asked).every((name) => matchesAnyGlob(name, globs));
        expect(passes(() => authorizer.check(key(globs), RTM, 60, grant(asked)))).toBe(expected);
        expect(passes(() => authorizer.check(user(globs), RTM, 60, grant(asked)))).toBe(expected);
      }),
    );
  });

  it('refuses end users any user permission, and lets API keys name users', () => {
    const peers = grant({ users: { write: ['bob'] } });
    expect(() => authorizer.check(user(['*']), RTM, 60, peers)).toThrow(expect.objectContaining({ rule: 'permissions.users' }));
    expect(authorizer.check(key(['*']), RTM, 60, peers)).toBe(peers);
  });
});
