import { AccessToken, priviledges } from 'agora-token/src/AccessToken.js';
import type { TokenGrant } from './token-grant.interface.js';

/**
 * Writes a legacy AccessToken (006) as agora-token's v1 builders do (RtcTokenBuilder.buildTokenWithUid /
 * buildTokenWithAccount, RtmTokenBuilder.buildToken), for the signer alone. A 006 token holds one service:
 * an RTC grant or a plain Signaling login; the request DTOs refuse anything else with a 400, so the errors
 * here are unreachable guards.
 *
 * The trap: v1 privileges expire at a Unix timestamp (`privilegeExpiredTs`), not after a number of
 * seconds as in AccessToken2, so each lifetime is added to the issue time here, once.
 */
export function buildLegacyToken(appId: string, certificate: string, issueTs: number, grants: readonly TokenGrant[]): string {
  if (grants.length !== 1) throw new Error(`a 006 token holds one service, not ${grants.length}`);
  const [grant] = grants;
  const at = (seconds: number) => issueTs + seconds;
  switch (grant.service) {
    case 'rtc': {
      const token = new AccessToken(appId, certificate, grant.channel, grant.user);
      const { joinChannel, publishAudio, publishVideo, publishData } = grant.privileges;
      token.addPriviledge(priviledges.kJoinChannel, at(joinChannel));
      if (publishAudio !== undefined) token.addPriviledge(priviledges.kPublishAudioStream, at(publishAudio));
      if (publishVideo !== undefined) token.addPriviledge(priviledges.kPublishVideoStream, at(publishVideo));
      if (publishData !== undefined) token.addPriviledge(priviledges.kPublishDataStream, at(publishData));
      return token.build();
    }
    case 'rtm': {
      if (grant.permissions) throw new Error('a 006 token cannot carry Signaling permissions');
      // As RtmTokenBuilder.buildToken: the user id stands where an RTC token has its channel, the uid is empty.
      const token = new AccessToken(appId, certificate, grant.userId, '');
      token.addPriviledge(priviledges.kRtmLogin, at(grant.loginSeconds));
      return token.build();
    }
    default:
      throw new Error(`a 006 token cannot carry a ${grant.service} grant`);
  }
}
