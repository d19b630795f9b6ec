import fc from 'fast-check';
import agoraToken from 'agora-token';
import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { RtmPermissions } from '../agora/token-grant.interface.js';
import type { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import { RTM_TOKEN } from './rtm-token.kind.js';

const { Rtm2Permissions, RtmTokenBuilder } = agoraToken;

/** What RtmTokenBuilder.buildTokenWithPermissions signs for the same inputs. */
function builderToken(userId: string, permissions: RtmPermissions, expire: number): string {
  const packed = new Rtm2Permissions();
  const types = { messageChannels: Rtm2Permissions.kMessageChannels, streamChannels: Rtm2Permissions.kStreamChannels, users: Rtm2Permissions.kUsers };
  for (const [name, type] of Object.entries(types)) {
    const access = permissions[name as keyof RtmPermissions];
    if (access?.read) packed.add(type, Rtm2Permissions.kRead, [...access.read]);
    if (access?.write) packed.add(type, Rtm2Permissions.kWrite, [...access.write]);
  }
  return RtmTokenBuilder.buildTokenWithPermissions(TEST_APP_ID, TEST_APP_CERTIFICATE, userId, packed, expire);
}

describe('RTM_TOKEN with permissions', () => {
  const { issuer } = testIssuer();
  const issue = (body: CreateRtmTokenDto) => issuer.issue(RTM_TOKEN, body, ANONYMOUS);

  it('signs an RTM2 service holding exactly the lists asked for, in place of the plain login', () => {
    const permissions = { messageChannels: { read: ['lobby', '*'], write: ['lobby'] }, users: { write: ['bob'] } };
    const issued = issue({ userId: 'alice', permissions, expireSeconds: 900 } as CreateRtmTokenDto);
    const token = decodeToken(issued.token);

    expect(token.serviceCount).toBe(1);
    expect(token.rtm).toBeUndefined();
    expect(token.rtm2).toEqual({
      userId: 'alice',
      privileges: { login: 900 },
      permissions: { messageChannels: { read: ['lobby', '*'], write: ['lobby'] }, users: { write: ['bob'] } },
    });
    expect(token.expire).toBe(900);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ userId: 'alice', permissions });
  });

  it('decodes to what RtmTokenBuilder.buildTokenWithPermissions signs, for any lists', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z0-9_-]{1,20}$/), { minLength: 1, maxLength: 4 });
    const access = fc.record({ read: names, write: names }, { requiredKeys: [] });
    const permissions = fc.record({ messageChannels: access, streamChannels: access, users: access }, { requiredKeys: [] });
    fc.assert(
      fc.property(permissions, fc.integer({ min: 1, max: 86_400 }), (asked, seconds) => {
        const ours = decodeToken(issue({ userId: 'alice', permissions: asked, expireSeconds: seconds } as CreateRtmTokenDto).token);
        const theirs = decodeToken(builderToken('alice', asked, seconds));
        expect(ours.rtm2).toEqual(theirs.rtm2);
        expect([ours.expire, ours.serviceCount, ours.appId]).toEqual([theirs.expire, theirs.serviceCount, theirs.appId]);
      }),
      { numRuns: 50 },
    );
  });
});
