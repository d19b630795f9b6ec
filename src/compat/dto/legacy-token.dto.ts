/**
 * `{"token": …}`: the answer of agora-token-service's `POST /getToken`, the
 * Node server's `/access_token` and the Express tutorial's `/rtmtoken`.
 */
export class LegacyTokenDto {
  /**
   * The signed token: AccessToken2 (`007…`), or a legacy AccessToken (`006…`) under LEGACY_TOKEN_FORMAT=006 on the routes of the servers that issued them.
   * @example "007eJxTYBBa..."
   */
  token: string;
}
