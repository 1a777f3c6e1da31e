/** A ledger whose next sync can be held for a connection about to append (LedgerFile.hold); a stand-in may have none. */
export interface HoldableJournal {
  hold?(): () => void;
}

/**
 * One connection's hold on the ledger's next sync while its server reads a
 * message: taken once the message's data goes out, let go once its outcome
 * and the next message's attempt are appended (they join that sync), or when
 * the connection sends nothing more.
 */
export class SyncHold {
  private letGo: (() => void) | undefined;

  constructor(private readonly journal: HoldableJournal) {}

  take(): void {
    this.letGo?.();
    this.letGo = this.journal.hold?.();
  }

  release(): void {
    this.letGo?.();
    this.letGo = undefined;
  }
}
