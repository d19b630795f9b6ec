/** Agora's cloud recording modes (the `mode` segment of its paths). */
export const RECORDING_MODES = ['individual', 'mix', 'web'] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];

/**
 * What a running recording needs for every later call (query, update, stop) and whose it is. The recording's
 * opaque id carries it, signed (see recording-id.codec.ts), so every replica and every restart knows it without
 * shared storage.
 */
export interface RecordingHandle {
  /** The name of the project that records (its App ID is in Agora's paths, its REST credentials sign the calls). */
  readonly project: string;
  readonly mode: RecordingMode;
  readonly channel: string;
  /** The recording bot's uid, as Agora takes it: an integer in a string. */
  readonly uid: string;
  readonly resourceId: string;
  readonly sid: string;
  /** Who started it, as ownerOf (src/auth/caller-owner.ts) names a caller. */
  readonly owner: string;
  /** When it started, in whole seconds since the epoch. */
  readonly startedAt: number;
}
