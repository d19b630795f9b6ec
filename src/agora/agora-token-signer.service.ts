import { Injectable } from '@nestjs/common';
import {
  AccessToken2,
  Rtm2Permissions,
  ServiceApaas,
  ServiceChat,
  ServiceConvoAI,
  ServiceFpa,
  ServiceRtc,
  ServiceRtm,
  ServiceRtm2,
  ServiceStt,
  type Service,
} from 'agora-token/src/AccessToken2.js';
import { inSpan } from '../common/tracing/span-seam.js';
import type { TokenFormat } from './dto/token-format.dto.js';
import { buildLegacyToken } from './legacy-access-token.js';
import type { AgoraProject } from './projects/project.interface.js';
import type { AuthorizedGrants, RtmGrant, RtmResourceAccess, SignedToken, TokenGrant } from './token-grant.interface.js';

/**
 * The only code that calls agora-token to sign. It signs with the primary certificate of the project the
 * TokenIssuer chose (from the ProjectRegistry), and only grants the authorizer has judged
 * (AuthorizedGrants); what was issued is recorded by the TokenIssuer that called it, not here.
 *
 * @example
 * signer.sign(project, 3600, authorizer.check(caller, RTM_TOKEN, 3600, [{ service: 'rtm', userId: 'alice', loginSeconds: 3600 }]));
 */
@Injectable()
export class AgoraTokenSigner {
  /**
   * Signs a token holding the given services.
   * @param project the project whose App ID and primary certificate sign it
   * @param expireSeconds how long the token is valid, in seconds from now (agora-token's unit, not a timestamp)
   * @param grants what the token grants, as TokenAuthorizer.check returned them
   * @param format `007` (AccessToken2) unless `006` (the legacy AccessToken: one RTC or RTM grant) is asked for
   */
  sign(project: AgoraProject, expireSeconds: number, grants: AuthorizedGrants, format: TokenFormat = '007'): SignedToken {
    // One issue time for the token and the reported times, so they agree to the second.
    const issueTs = Math.floor(Date.now() / 1000);
    const { appId, certificate } = project;
    // The span (with tracing on) names what was signed, never the token, the App ID or the certificate.
    const token = inSpan('agora.token.sign', () => spanAttributes(project, expireSeconds, grants, format), () =>
      format === '006' ? buildLegacyToken(appId, certificate, issueTs, grants) : build007(appId, certificate, issueTs, expireSeconds, grants),
    );
    // build() answers '' rather than throwing; start-up validation makes this unreachable, but never return it.
    if (!token) throw new Error('agora-token returned an empty token');
    return {
      token,
      appId,
      project: project.name,
      issuedAt: new Date(issueTs * 1000),
      expiresAt: new Date((issueTs + expireSeconds) * 1000),
      expireSeconds,
    };
  }
}

function spanAttributes(project: AgoraProject, expireSeconds: number, grants: readonly TokenGrant[], format: TokenFormat) {
  return {
    'agora.project': project.name,
    'agora.token.format': format,
    'agora.token.services': grants.map((grant) => grant.service).join(','),
    'agora.token.expire_seconds': expireSeconds,
  };
}

function build007(appId: string, certificate: string, issueTs: number, expireSeconds: number, grants: readonly TokenGrant[]): string {
  const accessToken = new AccessToken2(appId, certificate, issueTs, expireSeconds);
  for (const grant of grants) accessToken.add_service(toService(grant));
  return accessToken.build();
}

function toService(grant: TokenGrant): Service {
  switch (grant.service) {
    case 'rtc': {
      const rtc = new ServiceRtc(grant.channel, grant.user);
      const { joinChannel, publishAudio, publishVideo, publishData } = grant.privileges;
      rtc.add_privilege(ServiceRtc.kPrivilegeJoinChannel, joinChannel);
      if (publishAudio !== undefined) rtc.add_privilege(ServiceRtc.kPrivilegePublishAudioStream, publishAudio);
      if (publishVideo !== undefined) rtc.add_privilege(ServiceRtc.kPrivilegePublishVideoStream, publishVideo);
      if (publishData !== undefined) rtc.add_privilege(ServiceRtc.kPrivilegePublishDataStream, publishData);
      return rtc;
    }
    case 'rtm': {
      if (grant.permissions) return rtmWithPermissions(grant, grant.permissions);
      const rtm = new ServiceRtm(grant.userId);
      rtm.add_privilege(ServiceRtm.kPrivilegeLogin, grant.loginSeconds);
      return rtm;
    }
    case 'chat-user': {
      const chat = new ServiceChat(grant.userId);
      chat.add_privilege(ServiceChat.kPrivilegeUser, grant.seconds);
      return chat;
    }
    case 'chat-app': {
      const chat = new ServiceChat();
      chat.add_privilege(ServiceChat.kPrivilegeApp, grant.seconds);
      return chat;
    }
    case 'fpa': {
      // As FpaTokenBuilder: login with 0, a privilege that lasts as long as the token.
      const fpa = new ServiceFpa();
      fpa.add_privilege(ServiceFpa.kPrivilegeLogin, 0);
      return fpa;
    }
    // As EducationTokenBuilder (= ApaasTokenBuilder): a room user's service carries no privilege.
    case 'classroom-room-user':
      return new ServiceApaas(grant.roomUuid, grant.userUuid, grant.role);
    case 'classroom-user': {
      const apaas = new ServiceApaas('', grant.userUuid);
      apaas.add_privilege(ServiceApaas.PRIVILEGE_USER, grant.seconds);
      return apaas;
    }
    case 'classroom-app': {
      const apaas = new ServiceApaas();
      apaas.add_privilege(ServiceApaas.PRIVILEGE_APP, grant.seconds);
      return apaas;
    }
    case 'convoai':
      return new ServiceConvoAI();
    case 'stt':
      return new ServiceStt();
    default: {
      const unknown: never = grant;
      throw new Error(`Unknown token grant ${JSON.stringify(unknown)}`);
    }
  }
}

/** As RtmTokenBuilder.buildTokenWithPermissions: an RTM2 service holding each list asked for, in the login's privilege. */
function rtmWithPermissions(grant: RtmGrant, permissions: NonNullable<RtmGrant['permissions']>): Service {
  const packed = new Rtm2Permissions();
  const add = (resourceType: number, access: RtmResourceAccess | undefined) => {
    if (access?.read) packed.add(resourceType, Rtm2Permissions.kRead, access.read);
    if (access?.write) packed.add(resourceType, Rtm2Permissions.kWrite, access.write);
  };
  add(Rtm2Permissions.kMessageChannels, permissions.messageChannels);
  add(Rtm2Permissions.kStreamChannels, permissions.streamChannels);
  add(Rtm2Permissions.kUsers, permissions.users);
  const rtm2 = new ServiceRtm2(grant.userId, packed);
  rtm2.add_privilege(ServiceRtm2.kPrivilegeLogin, grant.loginSeconds);
  return rtm2;
}
