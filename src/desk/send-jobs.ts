import { EventEmitter, once } from 'node:events';
import type { SendListener } from '../actions/send-events.js';
import { isSnippetError } from '../errors.js';
import { redact } from '../config/redact.js';
import { errorWords } from './error-words.js';
import { countSend, sendWords, type SendCounts } from './send-words.js';

/** One send to the list started from the desk, as its progress page shows it. */
export interface SendJob {
  issue: string;
  lines: string[];
  counts: SendCounts;
  /** How the run ended: sent (whatever came of each member), or stopped with the reason in `lines`. */
  ended: 'sent' | 'nothing' | 'stopped' | undefined;
  /** Bumped on every change, so a page can wait for the next one. */
  version: number;
}

/**
 * The sends to the list running in the desk's process, one per issue at most.
 * A send takes minutes under the provider's limits, so it runs beside the
 * requests; its page waits for the next change (`changed`), never on a timer.
 */
export class SendJobs {
  private readonly jobs = new Map<string, SendJob>();
  private readonly events = new EventEmitter();
  private readonly stop = new AbortController();

  constructor() {
    // Every progress page of every issue may be waiting at once.
    this.events.setMaxListeners(0);
  }

  get(issue: string): SendJob | undefined {
    return this.jobs.get(issue);
  }

  running(issue: string): boolean {
    const job = this.jobs.get(issue);
    return job !== undefined && job.ended === undefined;
  }

  /** Forgets a finished job once its result has been shown. */
  forget(issue: string): void {
    if (!this.running(issue)) this.jobs.delete(issue);
  }

  /** Starts `run` for `issue` unless one is running; the job records its events in plain words. */
  start(issue: string, run: (listener: SendListener, signal: AbortSignal) => Promise<{ result: string }>): SendJob {
    const existing = this.jobs.get(issue);
    if (existing && existing.ended === undefined) return existing;
    const job: SendJob = { issue, lines: [], counts: { total: 0, delivered: 0, notDelivered: 0 }, ended: undefined, version: 0 };
    this.jobs.set(issue, job);
    const changed = (): void => {
      job.version += 1;
      this.events.emit(issue);
    };
    const listener: SendListener = {
      onEvent: (event) => {
        job.counts = countSend(job.counts, event);
        job.lines.push(...sendWords(event).map(redact));
        changed();
      },
    };
    run(listener, this.stop.signal).then(
      (outcome) => {
        job.ended = outcome.result === 'sent' ? 'sent' : 'nothing';
        changed();
      },
      (error: unknown) => {
        // A user's problem (the lock held by another send, a sign-in refused) in its own words; a fault as one.
        job.lines.push(
          isSnippetError(error) ? errorWords(error) : 'The send stopped because of a fault in snippet, not in your work. `snippet status` says what was sent.',
        );
        if (!isSnippetError(error)) console.error(error);
        job.ended = 'stopped';
        changed();
      },
    );
    return job;
  }

  /** Resolves when `issue`'s job has changed since `seen` (at once if it has), or when the desk closes. */
  async changed(issue: string, seen: number, closed: AbortSignal): Promise<void> {
    const job = this.jobs.get(issue);
    if (!job || job.version !== seen || job.ended !== undefined) return;
    await once(this.events, issue, { signal: closed }).catch(() => undefined);
  }

  /** Stops every running send after the messages in flight (the desk is stopping). */
  close(): void {
    this.stop.abort();
  }
}
