/** agora-token-service's answers on its GET routes, one key per token. */

/** `{"rtcToken": …}` */
export class LegacyRtcTokenDto {
  /**
   * The signed RTC token.
   * @example "007eJxTYBBa..."
   */
  rtcToken: string;
}

/** `{"rtmToken": …}` */
export class LegacyRtmTokenDto {
  /**
   * The signed RTM (Signaling) token.
   * @example "007eJxTYBBa..."
   */
  rtmToken: string;
}

/** `{"rtcToken": …, "rtmToken": …}` */
export class LegacyRteTokensDto {
  /**
   * The signed RTC token.
   * @example "007eJxTYBBa..."
   */
  rtcToken: string;

  /**
   * The signed RTM (Signaling) token, which also covers the channel as a stream channel.
   * @example "007eJxTYBBa..."
   */
  rtmToken: string;
}

/** `{"chatToken": …}` */
export class LegacyChatTokenDto {
  /**
   * The signed Chat token.
   * @example "007eJxTYBBa..."
   */
  chatToken: string;
}
