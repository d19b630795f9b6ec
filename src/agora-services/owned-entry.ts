/**
 * One resource a caller started at Agora, as the ownership index keeps it so that lists show each caller its own:
 * Agora's id for it, the service's sealed id, the owner digest and the channel (what `resources: any` keys are judged
 * by), and when it was made and, if known, ends.
 */
export interface OwnedEntry {
  readonly agoraId: string;
  readonly id: string;
  readonly owner: string;
  readonly channel: string;
  /** Seconds since the epoch. */
  readonly createdAt: number;
  /** Seconds since the epoch, when the resource ends on its own (a stream key's expiry). */
  readonly expiresAt?: number;
}

/**
 * Whether the entry may still name a live resource at `now` (seconds): until its `expiresAt`, or, when nothing says
 * when it ends (a converter, a player, a transcription, a stream key that never expires), until a list finds that Agora
 * no longer has it and forgets it. No age limit: a resource may run for months, and must stay in its owner's list.
 */
export function isLive(entry: OwnedEntry, now: number): boolean {
  return entry.expiresAt === undefined || entry.expiresAt > now;
}

/** The entry read back from storage, or undefined for anything that is not one (a hand-edited Redis value). */
export function parseEntry(text: string): OwnedEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entry = value as Partial<OwnedEntry> | null;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const texts = [entry.agoraId, entry.id, entry.owner, entry.channel].every((field) => typeof field === 'string');
  const times = Number.isSafeInteger(entry.createdAt) && (entry.expiresAt === undefined || Number.isSafeInteger(entry.expiresAt));
  return texts && times ? (entry as OwnedEntry) : undefined;
}
