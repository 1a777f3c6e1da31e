/**
 * The unsubscribe server's open connections, oldest first (a Map keeps
 * insertion order): a flood of slow connections pushes out its own oldest,
 * not the requests being answered. A connection still sending its headers or
 * body counts as not answered, so slow bodies cannot pin the table full; and
 * one address holds only a few, so many addresses are needed to fill it at
 * all. Pure bookkeeping: the server destroys what `admit` gives back.
 */
export class ConnectionTable<C> {
  private readonly open = new Map<C, { answering: boolean; address: string }>();

  constructor(
    private readonly max: number,
    /** Undefined where every connection comes from one address (behind a proxy). */
    private readonly maxPerAddress: number | undefined,
  ) {}

  /**
   * Adds `connection`; returns the one to drop to keep within the limits:
   * the oldest not being answered (of the same address, when that is the
   * limit passed), or `connection` itself when there is none.
   */
  admit(connection: C, address: string): C | undefined {
    this.open.set(connection, { answering: false, address });
    const crowded = this.maxPerAddress !== undefined && this.countFrom(address) > this.maxPerAddress;
    if (!crowded && this.open.size <= this.max) return undefined;
    const dropped = this.oldestIdle(connection, crowded ? address : undefined) ?? connection;
    this.open.delete(dropped);
    return dropped;
  }

  /** From when a request is being answered until its response is done, its connection is not pushed out. */
  setAnswering(connection: C, answering: boolean): void {
    const state = this.open.get(connection);
    if (state) state.answering = answering;
  }

  remove(connection: C): void {
    this.open.delete(connection);
  }

  private countFrom(address: string): number {
    let count = 0;
    for (const state of this.open.values()) if (state.address === address) count += 1;
    return count;
  }

  private oldestIdle(except: C, address: string | undefined): C | undefined {
    for (const [old, state] of this.open) {
      if (!state.answering && old !== except && (address === undefined || state.address === address)) return old;
    }
    return undefined;
  }
}
