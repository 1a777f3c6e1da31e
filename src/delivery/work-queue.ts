import type { Recipient } from './delivery-plan.js';

/** A recipient once taken from the queue. */
export interface WorkItem {
  recipient: Recipient;
  /** Attempts made in this run. */
  tries: number;
  /** Not to be tried again before this time (ms). */
  notBefore: number;
  /** Why the last attempt did not settle it. */
  lastReason?: string;
}

/**
 * The engine's work: fresh recipients in order, read through a cursor (the
 * list may hold 100,000), each made a work item only when it is taken;
 * deferred ones waiting in a short list of their own until their backoff
 * ends; and the few taken but given back untried (the ledger failed) in
 * another. A waiting retry goes first, then one given back, then the next
 * fresh recipient.
 */
export class WorkQueue {
  private cursor = 0;
  private readonly givenBack: WorkItem[] = [];
  private readonly retries: WorkItem[] = [];

  constructor(private readonly recipients: readonly Recipient[]) {}

  /** Recipients left to take or to try again. */
  get size(): number {
    return this.untaken + this.retries.length;
  }

  /** When the next item can be taken: 0 when a fresh one waits, else the earliest retry's time (Infinity: none). */
  earliestReady(): number {
    if (this.untaken > 0) return 0;
    return this.retries.reduce((min, item) => Math.min(min, item.notBefore), Infinity);
  }

  /** The next item ready at `now`, or undefined. */
  take(now: number): WorkItem | undefined {
    const at = this.nextAt(now);
    if (at === 'given back') return this.givenBack.pop();
    if (at === 'fresh') return { recipient: this.recipients[this.cursor++]!, tries: 0, notBefore: 0 };
    return at === undefined ? undefined : this.retries.splice(at, 1)[0];
  }

  /** The recipient `take(now)` would hand out, left in the queue. */
  peek(now: number): Recipient | undefined {
    const at = this.nextAt(now);
    if (at === 'given back') return this.givenBack.at(-1)!.recipient;
    if (at === 'fresh') return this.recipients[this.cursor];
    return at === undefined ? undefined : this.retries[at]!.recipient;
  }

  /** Back as it was, nothing sent: untried, or still waiting its retry. */
  putBack(item: WorkItem): void {
    if (item.tries === 0) this.givenBack.push(item);
    else this.retries.push(item);
  }

  /** To be tried again, not before `notBefore`. */
  retryAt(item: WorkItem, notBefore: number): void {
    item.notBefore = notBefore;
    this.retries.push(item);
  }

  /** Takes a waiting retry out for good (its last outcome could not be recorded). */
  forget(item: WorkItem): void {
    const index = this.retries.indexOf(item);
    if (index >= 0) this.retries.splice(index, 1);
  }

  /** What is left when the run ends: never tried, in order, and waiting to be tried again. */
  leftovers(): { notAttempted: Recipient[]; deferred: WorkItem[] } {
    return {
      notAttempted: [...[...this.givenBack].reverse().map((item) => item.recipient), ...this.recipients.slice(this.cursor)],
      deferred: [...this.retries],
    };
  }

  /** Where the next item ready at `now` waits: a retry due (its index) first, then one given back, then a fresh one. */
  private nextAt(now: number): number | 'given back' | 'fresh' | undefined {
    const retry = this.retries.findIndex((item) => item.notBefore <= now);
    if (retry >= 0) return retry;
    if (this.givenBack.length > 0) return 'given back';
    return this.cursor < this.recipients.length ? 'fresh' : undefined;
  }

  private get untaken(): number {
    return this.recipients.length - this.cursor + this.givenBack.length;
  }
}
