// agora-token ships types for its builders only; these cover the AccessToken2
// primitives the signer composes (and the specs use to decode tokens).
declare module 'agora-token/src/AccessToken2.js' {
  export class Service {
    service_type(): number;
    add_privilege(privilege: number, expire: number): void;
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
  export class ServiceChat extends Service {
    constructor(userId?: string);
    static readonly kPrivilegeUser: number;
    static readonly kPrivilegeApp: number;
    __user_id: Buffer | string;
  }
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
}
