/**
 * How long one answer of Agora's player list is reused: Agora allows a project 2 filtered list calls a second and
 * 15 a minute, shared by every caller polling `GET /v1/media-pull/{id}` or the list. So a GET may report a player's
 * status up to this old (per replica); this replica's own creates, updates and deletes drop the project's answers.
 */
export const LIST_CACHE_MS = 5_000;

interface Entry<T> {
  readonly answer: Promise<T>;
  /** When the answer stops being reused; undefined while Agora is still being asked. */
  expires?: number;
}

/**
 * Agora's list answers per project and channel: concurrent identical lists share one call, and an answer is reused
 * for {@link LIST_CACHE_MS}. A failed call is shared by those that waited for it, never reused.
 */
export class PlayerListCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * The answer for `project` and `channel` (undefined: every channel), from `read` unless a recent one is kept or
   * a call is running (`fresh`: from `read` in any case).
   */
  get(project: string, channel: string | undefined, read: () => Promise<T>, fresh = false): Promise<T> {
    const key = JSON.stringify([project, channel ?? null]);
    const kept = this.entries.get(key);
    if (kept && !fresh && (kept.expires === undefined || kept.expires > Date.now())) return kept.answer;
    const entry: Entry<T> = { answer: read() };
    this.entries.set(key, entry);
    entry.answer.then(
      () => {
        if (this.entries.get(key) !== entry) return;
        entry.expires = Date.now() + LIST_CACHE_MS;
        setTimeout(() => this.entries.get(key) === entry && this.entries.delete(key), LIST_CACHE_MS).unref();
      },
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.answer;
  }

  /** Drops the project's answers (a player was created, changed or deleted here), and any call still running. */
  forget(project: string): void {
    for (const key of this.entries.keys()) if ((JSON.parse(key) as [string, unknown])[0] === project) this.entries.delete(key);
  }
}
