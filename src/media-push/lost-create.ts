import { AgoraUpstreamError } from '../agora-rest/agora-upstream.error.js';

/**
 * Whether a create failed in a way that leaves its outcome unknown: no answer in time, a connection that broke after
 * the request left, Agora's own 504 (its gateway gave up waiting on the service behind it), or a success answer
 * without the converter's id. Agora may be running the converter, pushing to the CDN and billing the project.
 */
export function isUnknownOutcome(error: unknown): error is AgoraUpstreamError {
  if (!(error instanceof AgoraUpstreamError)) return false;
  switch (error.failure) {
    case 'timeout':
      return true;
    case 'unreachable':
      return error.arrived;
    case 'answer': {
      const status = error.upstream?.status ?? 0;
      return status === 504 || (status >= 200 && status < 300);
    }
    case 'rate_limited':
      return false;
  }
}

/** Where an operator finds a converter by the name this service gave it (Agora's list by channel, `converterName`). */
function whereToLook(channel: string, name: string): string {
  return `Agora's list of channel "${channel}" (GET /v1/projects/{appId}/channels/{cname}/rtmp-converters), converterName "${name}"`;
}

/** The create's problem, its status kept (502 or 504), its detail saying what the lookup proved. */
function restated(error: AgoraUpstreamError, detail: string): AgoraUpstreamError {
  return new AgoraUpstreamError(error.api, error.failure, detail, error.upstream, error.arrived);
}

/** The lookup found no converter of that name: none runs, and the create can be sent again. */
export function noneRuns(error: AgoraUpstreamError, channel: string, name: string): AgoraUpstreamError {
  return restated(error, `${error.message} Agora lists no converter named "${name}" in channel "${channel}": none was started; send the create again.`);
}

/** The lookup failed too: whether the converter runs is not known, so the problem says where to look for it. */
export function unconfirmed(error: AgoraUpstreamError, channel: string, name: string): AgoraUpstreamError {
  return restated(
    error,
    `${error.message} Agora's list could not be read either, so whether it runs a converter for this request could not be confirmed: ` +
      `look for it in ${whereToLook(channel, name)}, and delete it there if it runs (this service cannot reach it), before sending the create again.`,
  );
}
