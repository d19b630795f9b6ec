import type { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';

/** Where an operator finds a converter by the name this service gave it (Agora's list by channel, `converterName`). */
function whereToLook(channel: string, name: string): string {
  return `Agora's list of channel "${channel}" (GET /v1/projects/{appId}/channels/{cname}/rtmp-converters), converterName "${name}"`;
}

/** The lookup found no converter of that name: none runs, and the create can be sent again. */
export function noneRuns(error: AgoraUpstreamError, channel: string, name: string): AgoraUpstreamError {
  return error.withDetail(`${error.message} Agora lists no converter named "${name}" in channel "${channel}": none was started; send the create again.`);
}

/** The lookup failed too: whether the converter runs is not known, so the problem says where to look for it. */
export function unconfirmed(error: AgoraUpstreamError, channel: string, name: string): AgoraUpstreamError {
  return error.withDetail(
    `${error.message} Agora's list could not be read either, so whether it runs a converter for this request could not be confirmed: ` +
      `look for it in ${whereToLook(channel, name)}, and delete it there if it runs (this service cannot reach it), before sending the create again.`,
  );
}
