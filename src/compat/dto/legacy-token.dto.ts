/**
 * `{"token": …}`: the answer of agora-token-service's `POST /getToken`, the
 * Node server's `/access_token` and the Express tutorial's `/rtmtoken`.
 */
export class LegacyTokenDto {
  /**
   * The signed AccessToken2 token.
   * @example "007eJxTYBBa..."
   */
  token: string;
}
