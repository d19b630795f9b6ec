/** What an RTC user may do: publishers join and publish audio, video and data; subscribers join. */
export enum RtcRole {
  Publisher = 'publisher',
  Subscriber = 'subscriber',
}
