/** More slots than any workspace has issues: past it, the memo starts again rather than grow. */
const MAX_SLOTS = 1000;

/**
 * The last result of each parse, by the exact text it was parsed from. The
 * desk checks and previews the workspace many times a minute while one field
 * changes: the files that did not change are not parsed again, and a file
 * that did (a save, a hand edit, a `git pull`) is, because its text is the
 * key. Results are shared between callers, so they are never changed in place.
 */
export class ParseMemo {
  private readonly slots = new Map<string, { key: string; value: unknown }>();

  /** `compute()`, or what it returned last time for the same `slot` and `key`. */
  get<T>(slot: string, key: string, compute: () => T): T {
    const hit = this.slots.get(slot);
    if (hit !== undefined && hit.key === key) return hit.value as T;
    const value = compute();
    if (this.slots.size >= MAX_SLOTS) this.slots.clear();
    this.slots.set(slot, { key, value });
    return value;
  }
}
