import { Logger } from '@nestjs/common';
import type { AgoraProject } from '../agora/projects/project.interface.js';
import { AgoraUpstreamError, UPSTREAM_PROBLEM_TYPE } from '../agora-rest/agora-upstream.error.js';
import type { MediaRegion } from '../agora-services/media-region.config.js';
import { ProblemException } from '../common/problem/problem.exception.js';
import type { AgoraPlayer, CloudPlayerApi, PlayerSpec } from './cloud-player.api.js';

const logger = new Logger('MediaPull');

/** A create as it was sent, to send again or look for. */
export interface SentCreate {
  readonly project: AgoraProject;
  readonly region: MediaRegion;
  readonly spec: PlayerSpec;
  readonly streamIp?: string;
  readonly requestId?: string;
}

/**
 * Finds out what a create whose outcome is unknown did, so no player runs that nobody can see or stop. The player's
 * name is chosen here and unique in the project, so the same create is sent again: Agora either starts the player
 * (the first create never acted) or refuses the name as taken (it did). Then Agora's list of the channel is read
 * for that name. Answers the player when found; else a problem (504 after a timeout or Agora's 504, 502 after a
 * broken connection or an answer without an id) that says what the lookup proved and names the channel and the player's name.
 * (Agora's 409 also names the existing player in `X-Resource-ID`, but AgoraRestClient answers no headers.)
 */
export async function findUnknownCreate(api: CloudPlayerApi, sent: SentCreate, first: AgoraUpstreamError): Promise<AgoraPlayer> {
  const { project, region, spec, streamIp, requestId } = sent;
  let taken = false;
  try {
    return await api.create(project, region, spec, streamIp, requestId);
  } catch (error) {
    taken = error instanceof AgoraUpstreamError && error.upstream?.status === 409;
  }
  let listed: AgoraPlayer[] | undefined;
  try {
    listed = await api.list(project, spec.channelName, requestId, true);
  } catch {
    listed = undefined;
  }
  const found = listed?.find((player) => player.name === spec.name);
  const where = `player "${spec.name}" in channel "${spec.channelName}" of project ${project.name}`;
  if (found) {
    logger.warn(`media-pull.create: outcome unknown (${first.failure}); ${where} found in Agora's list, answered as created`);
    return found;
  }
  const proof: Proof = taken ? 'taken' : listed === undefined ? 'unlisted' : 'absent';
  logger.warn(`media-pull.create: outcome unknown (${first.failure}); ${where} not found (${proof})`);
  throw unknownCreate(first, spec, proof);
}

/** What the lookup proved: Agora runs the player but does not list it yet; no list could be read; the list lacks it. */
type Proof = 'taken' | 'unlisted' | 'absent';

const PROVED: Record<Proof, string> = {
  taken:
    'Agora runs it (a second create of that name was refused as taken), but its list does not show it yet, so its id is unknown here: it ends on its own after idleTimeoutSeconds without a stream, at the latest when its token expires.',
  unlisted:
    'A second create of that name failed too, and Agora\'s list could not be read: the player may run; if it does, it ends on its own after idleTimeoutSeconds without a stream, at the latest when its token expires.',
  absent:
    'A second create of that name failed too, and Agora\'s list of the channel does not show it: most likely none runs, but Agora lists a new player only after about 10 s.',
};

function unknownCreate(first: AgoraUpstreamError, spec: PlayerSpec, proof: Proof): ProblemException {
  const timedOut = first.failure === 'timeout' || first.upstream?.status === 504;
  const status = timedOut ? 504 : 502;
  const lost = timedOut ? 'Agora gave no answer in time' : first.failure === 'unreachable' ? 'the connection broke before its answer' : 'Agora answered without its id';
  const detail = `The outcome of the media-pull.create call is unknown (${lost}) for the player named "${spec.name}" in channel "${spec.channelName}". ${PROVED[proof]}`;
  return new ProblemException(status, detail, UPSTREAM_PROBLEM_TYPE, {
    channel: spec.channelName,
    playerName: spec.name,
    ...(first.upstream ? { upstream: first.upstream } : {}),
  });
}
