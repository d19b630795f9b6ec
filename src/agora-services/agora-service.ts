import type { KindPolicy } from '../auth/authorization/kind-policy.js';

/** The Agora REST services this app fronts beside cloud recording. */
export type AgoraServiceName = 'transcription' | 'media-push' | 'media-pull' | 'stream-keys';

/**
 * One Agora REST service: its policy (API keys name it in `kinds`; end users need it in their JWT_SERVICES_CLAIM,
 * since it bills the project while it runs) and what its resources are called in problems.
 *
 * @example
 * export const TRANSCRIPTION: AgoraService = {
 *   policyKind: 'transcription', endUserService: 'transcription', noun: 'transcription', label: 'Real-time transcription',
 * };
 */
export interface AgoraService extends KindPolicy {
  readonly policyKind: AgoraServiceName;
  readonly endUserService: AgoraServiceName;
  /** One resource, in problems: "No converter of yours has this id." */
  readonly noun: string;
  /** The service, in problems: "Media push is not configured on this service." */
  readonly label: string;
}
