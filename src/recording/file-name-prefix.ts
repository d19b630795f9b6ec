/** Agora's limit on a whole prefix, slashes included. */
export const FILE_NAME_PREFIX_MAX = 128;
/** Room for the date and time parts (8 + 6 characters and two slashes) under the limit, with a margin. */
const CHANNEL_PART_MAX = 64;

/**
 * The folders a recording's files go to in the bucket: the channel's letters and digits, then the UTC date
 * (YYYYMMDD) and time (HHMMSS) of the start: `["demoroom", "20260130", "094512"]`, stored as
 * `demoroom/20260130/094512/…`. Agora takes only A-Z, a-z and 0-9 in each part and 128 characters in all, so
 * anything else in the channel name is left out (a channel of no letters or digits gives no channel part). Made
 * per request, from its own arguments: no shared state, so concurrent starts never mix their prefixes.
 *
 * @example
 * fileNamePrefix('team_42-demo', new Date('2026-01-30T09:45:12Z')); // ['team42demo', '20260130', '094512']
 */
export function fileNamePrefix(channel: string, startedAt: Date): string[] {
  const iso = startedAt.toISOString();
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  const channelPart = channel.replace(/[^A-Za-z0-9]/g, '').slice(0, CHANNEL_PART_MAX);
  return channelPart === '' ? [date, time] : [channelPart, date, time];
}
