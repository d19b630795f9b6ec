// agora-token's v1 (006) builders ship no types and are not in its index; specs call them to compare
// the signer's 006 tokens with what the Node tutorials and the Signaling sample signed.
declare module 'agora-token/src/RtcTokenBuilder.js' {
  export const Role: { readonly ATTENDEE: 0; readonly PUBLISHER: 1; readonly SUBSCRIBER: 2; readonly ADMIN: 101 };
  export class RtcTokenBuilder {
    /** privilegeExpiredTs: a Unix timestamp in seconds, not a lifetime. */
    static buildTokenWithUid(appId: string, cert: string, channel: string, uid: number, role: number, privilegeExpiredTs: number): string;
    static buildTokenWithAccount(appId: string, cert: string, channel: string, account: string, role: number, privilegeExpiredTs: number): string;
  }
}
declare module 'agora-token/src/RtmTokenBuilder.js' {
  export class RtmTokenBuilder {
    static buildToken(appId: string, cert: string, account: string, role: number, privilegeExpiredTs: number): string;
  }
}
