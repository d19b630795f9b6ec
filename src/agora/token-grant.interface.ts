/** RTC privileges, each valid for a number of seconds from the issue time. */
export interface RtcPrivileges {
  joinChannel: number;
  publishAudio?: number;
  publishVideo?: number;
  publishData?: number;
}

export interface RtcGrant {
  service: 'rtc';
  channel: string;
  /** A numeric uid (0 = any user) or a user account. */
  user: number | string;
  privileges: RtcPrivileges;
}

export interface RtmGrant {
  service: 'rtm';
  userId: string;
  loginSeconds: number;
  /** With permissions, the login reaches only these resources (agora-token's ServiceRtm2 instead of ServiceRtm). */
  permissions?: RtmPermissions;
}

/** Resource names a Signaling user may read and write (a list may name `*`, any channel). */
export interface RtmResourceAccess {
  read?: readonly string[];
  write?: readonly string[];
}

/** agora-token's Rtm2Permissions, by resource type (the types this service lets callers name). */
export interface RtmPermissions {
  messageChannels?: RtmResourceAccess;
  streamChannels?: RtmResourceAccess;
  users?: RtmResourceAccess;
}

export interface ChatUserGrant {
  service: 'chat-user';
  userId: string;
  seconds: number;
}

export interface ChatAppGrant {
  service: 'chat-app';
  seconds: number;
}

/** FPA (accelerator) login: no user, no channel; its privilege never expires before the token (0). */
export interface FpaGrant {
  service: 'fpa';
}

/** A Flexible Classroom (APaaS) room user: room, user and role (1 teacher, 2 student, 3 assistant), no privilege of its own. */
export interface ClassroomRoomUserGrant {
  service: 'classroom-room-user';
  roomUuid: string;
  userUuid: string;
  role: 1 | 2 | 3;
}

/** A Flexible Classroom (APaaS) user privilege. */
export interface ClassroomUserGrant {
  service: 'classroom-user';
  userUuid: string;
  seconds: number;
}

/** The Flexible Classroom (APaaS) app privilege: app-wide. */
export interface ClassroomAppGrant {
  service: 'classroom-app';
  seconds: number;
}

/** The Conversational AI Engine service: no user, no privilege; the agent's RTC and RTM grants name it. */
export interface ConvoAiGrant {
  service: 'convoai';
}

/** The real-time speech-to-text service: no user, no privilege; its bots' RTC and RTM grants name them. */
export interface SttGrant {
  service: 'stt';
}

/**
 * One service a token grants: the signer's vocabulary. Token kinds describe
 * tokens in these terms, the authorizer judges them, and only the signer
 * turns them into agora-token services.
 */
export type TokenGrant =
  | RtcGrant
  | RtmGrant
  | ChatUserGrant
  | ChatAppGrant
  | FpaGrant
  | ClassroomRoomUserGrant
  | ClassroomUserGrant
  | ClassroomAppGrant
  | ConvoAiGrant
  | SttGrant;

/** The brand of authorized grants; not exported, so no value can claim it but by an explicit cast. */
declare const authorized: unique symbol;

/**
 * Grants that TokenAuthorizer.check has judged for the caller: the only
 * grants AgoraTokenSigner.sign accepts, so a token kind that skips the policy
 * check does not compile. Only the authorizer makes them (one cast, in
 * token-authorizer.service.ts); at run time they are the same array.
 */
export type AuthorizedGrants = readonly TokenGrant[] & { readonly [authorized]: true };

/**
 * A signed token with the times it carries. Token kinds add their fields to
 * it with `Object.assign`, not by spreading it into a new object: one object
 * per response, not two, on the hot path (see docs/operations.md).
 */
export interface SignedToken {
  token: string;
  appId: string;
  /** The name of the project that signed it. */
  project: string;
  issuedAt: Date;
  expiresAt: Date;
  expireSeconds: number;
}
