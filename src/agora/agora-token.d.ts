// agora-token ships types for its builders only; these cover the AccessToken2
// primitives the signer composes (and the specs use to decode tokens).
declare module 'agora-token/src/AccessToken2.js' {
  export class Service {
    service_type(): number;
    add_privilege(privilege: number, expire: number): void;
    pack(): Buffer;
    __privileges: Record<number, number>;
  }
  export class ServiceRtc extends Service {
    constructor(channelName?: string, uid?: string | number);
    static readonly kPrivilegeJoinChannel: number;
    static readonly kPrivilegePublishAudioStream: number;
    static readonly kPrivilegePublishVideoStream: number;
    static readonly kPrivilegePublishDataStream: number;
    __channel_name: Buffer | string;
    __uid: Buffer | string;
  }
  export class ServiceRtm extends Service {
    constructor(userId?: string);
    static readonly kPrivilegeLogin: number;
    __user_id: Buffer | string;
  }
  export class Rtm2Permissions {
    static readonly kMessageChannels: number;
    static readonly kStreamChannels: number;
    static readonly kUsers: number;
    static readonly kRead: number;
    static readonly kWrite: number;
    details: Record<number, Record<number, string[]>>;
    add(resourceType: number, permissionType: number, resources: readonly string[]): void;
  }
  export class ServiceRtm2 extends Service {
    constructor(userId?: string, permissions?: Rtm2Permissions);
    static readonly kPrivilegeLogin: number;
    __user_id: Buffer | string;
    __permissions: Rtm2Permissions;
  }
  export class ServiceChat extends Service {
    constructor(userId?: string);
    static readonly kPrivilegeUser: number;
    static readonly kPrivilegeApp: number;
    __user_id: Buffer | string;
  }
  export class ServiceFpa extends Service {
    static readonly kPrivilegeLogin: number;
  }
  export class ServiceApaas extends Service {
    constructor(roomUuid?: string, userUuid?: string, role?: number);
    static readonly PRIVILEGE_ROOM_USER: number;
    static readonly PRIVILEGE_USER: number;
    static readonly PRIVILEGE_APP: number;
    __room_uuid: Buffer | string;
    __user_uuid: Buffer | string;
    __role: number;
  }
  export class ServiceConvoAI extends Service {}
  export class ServiceStt extends Service {}
  export class AccessToken2 {
    constructor(appId?: string, appCertificate?: string, issueTs?: number, expire?: number);
    appId: Buffer | string;
    issueTs: number;
    expire: number;
    salt: number;
    services: Service[];
    add_service(service: Service): void;
    getServices(serviceType: number): Service[];
    build(): string;
    from_string(token: string): boolean;
    verifySignature(appCertificate: string): boolean;
  }
  export const kRtcServiceType: number;
  export const kRtmServiceType: number;
  export const kChatServiceType: number;
  export const kRtm2ServiceType: number;
  export const kFpaServiceType: number;
  export const kApaasServiceType: number;
  export const kConvoAIServiceType: number;
  export const kSttServiceType: number;
}

// The legacy AccessToken (006) that agora-token's v1 builders use; the signer writes 006 tokens with it.
declare module 'agora-token/src/AccessToken.js' {
  export class AccessToken {
    constructor(appId: string, appCertificate: string, channelName: string, uid: string | number);
    /** The token's own timestamp: agora-token sets it to 24 hours from now. */
    ts: number;
    salt: number;
    messages: Record<number, number>;
    /** Grants a privilege until a Unix timestamp in seconds (0: no expiry), not for a number of seconds. */
    addPriviledge(privilege: number, expireTimestamp: number): void;
    build(): string;
    /** Reads a 006 token into this one (keeping its channel and uid, which a 006 token holds only checksums of). */
    fromString(token: string): boolean;
  }
  export const priviledges: {
    readonly kJoinChannel: number;
    readonly kPublishAudioStream: number;
    readonly kPublishVideoStream: number;
    readonly kPublishDataStream: number;
    readonly kRtmLogin: number;
  };
  export const version: string;
}
