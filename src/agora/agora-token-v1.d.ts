// agora-token ships no types for its legacy AccessToken (006); these cover what token-signature.ts uses.
declare module 'agora-token/src/AccessToken.js' {
  export class AccessToken {
    constructor(appId: string, appCertificate: string, channelName: string, uid: string | number);
    fromString(token: string): boolean;
    build(): string;
  }
}
