import type { RateLimit } from '../config/rate-limit.js';
import { SnippetError } from '../errors.js';
import type { Recipient } from './delivery-plan.js';
import type { LedgerEvent, Outcome } from './ledger-event.js';
import type { OutgoingMessage } from './outgoing-message.js';
import type { RateLimiter } from './rate-limiter.js';
import { isConnectFailure, type Channel, type Mailer, type SendResult } from './send-result.js';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicy {
  /** Tries per recipient within one run, the first included. */
  attempts: number;
  /** Delay before the second try; doubled for each further one. */
  firstDelayMs: number;
}

export interface SendEngineInput {
  recipients: readonly Recipient[];
  build(recipient: Recipient): OutgoingMessage;
  mailer: Mailer;
  journal: { append(event: LedgerEvent): Promise<void> };
  limiter: RateLimiter;
  connections: number;
  retry: RetryPolicy;
  /** Consecutive connection failures after which the server is taken to be down. */
  stopAfterFailures: number;
  /** The longest the run waits for a rate window; a longer wait ends the run (the next one carries on). */
  maxWaitMs: number;
  clock: Clock;
  signal?: AbortSignal;
  onEvent?(event: EngineEvent): void;
}

export type EngineEvent =
  { type: 'outcome'; recipient: Recipient; result: SendResult; settled: number; total: number } | { type: 'waiting'; ms: number; limit: RateLimit | undefined };

export type StopReason =
  | { kind: 'rate-limit'; limit: RateLimit | undefined; waitMs: number }
  | { kind: 'server-down'; reason: string }
  | { kind: 'interrupted' }
  /** Nothing can get through until the user fixes something (sign-in, TLS). */
  | { kind: 'fatal'; reason: string }
  /** The ledger could not be written (e.g. a full disk), or was deleted: nothing more is sent. */
  | { kind: 'ledger'; reason: string; hint?: string };

export interface SendReport {
  delivered: Recipient[];
  failed: Array<{ recipient: Recipient; reason: string; bounced: boolean }>;
  inDoubt: Array<{ recipient: Recipient; reason: string }>;
  /** Not taken in this run; left for the next one. */
  deferred: Array<{ recipient: Recipient; reason: string }>;
  /** Never tried because the run stopped first. */
  notAttempted: Recipient[];
  stop: StopReason | undefined;
  attempts: number;
}

interface WorkItem {
  recipient: Recipient;
  tries: number;
  notBefore: number;
  lastReason?: string;
}

/**
 * Sends to every recipient through `connections` workers. For each message:
 * wait for a rate-limit slot, make the attempt durable in the ledger (while
 * the envelope goes out), send the data, make the outcome durable. A crash between any two of those steps leaves
 * the recipient either untouched or in doubt, never silently re-sendable.
 */
export async function runSendEngine(input: SendEngineInput): Promise<SendReport> {
  const { clock, limiter } = input;
  // Fresh recipients in order, read through a cursor (the list may hold
  // 100,000), each made a work item only when it is taken; deferred ones wait
  // in a short list of their own until their backoff ends, and the few taken
  // but given back untried (the ledger failed) in another.
  const { recipients } = input;
  let cursor = 0;
  const givenBack: WorkItem[] = [];
  const retries: WorkItem[] = [];
  const untaken = (): number => recipients.length - cursor + givenBack.length;
  const remaining = (): number => untaken() + retries.length;
  const report: SendReport = { delivered: [], failed: [], inDoubt: [], deferred: [], notAttempted: [], stop: undefined, attempts: 0 };
  const total = recipients.length;
  let settled = 0;
  let consecutiveFailures = 0;
  const wake = new AbortController();

  const stop = (reason: StopReason): void => {
    report.stop ??= reason;
    wake.abort();
  };
  const onAbort = (): void => stop({ kind: 'interrupted' });
  input.signal?.addEventListener('abort', onAbort, { once: true });
  if (input.signal?.aborted) onAbort();

  const earliestReady = (): number => {
    if (untaken() > 0) return 0;
    return retries.reduce((min, item) => Math.min(min, item.notBefore), Infinity);
  };
  const takeReady = (now: number): WorkItem | undefined => {
    const retry = retries.findIndex((item) => item.notBefore <= now);
    if (retry >= 0) return retries.splice(retry, 1)[0];
    const back = givenBack.pop();
    if (back) return back;
    return cursor < recipients.length ? { recipient: recipients[cursor++]!, tries: 0, notBefore: 0 } : undefined;
  };
  const putBack = (item: WorkItem): void => {
    if (item.tries === 0) givenBack.push(item);
    else retries.push(item);
  };

  const outcomes = new Set<Promise<void>>();

  const settle = (item: WorkItem, result: SendResult): void => {
    settled++;
    input.onEvent?.({ type: 'outcome', recipient: item.recipient, result, settled, total });
  };

  const worker = async (): Promise<void> => {
    let connectFailures = 0;
    while (report.stop === undefined && remaining() > 0) {
      const earliest = earliestReady();
      if (earliest > clock.now()) {
        await clock.sleep(earliest - clock.now(), wake.signal);
        continue;
      }
      // A ready connection first, so that connecting never eats into a rate window.
      const channel = await input.mailer.open();
      if (isConnectFailure(channel)) {
        if (channel.fatal) {
          stop({ kind: 'fatal', reason: channel.fatal });
          break;
        }
        connectFailures++;
        consecutiveFailures++;
        if (consecutiveFailures >= input.stopAfterFailures) {
          stop({ kind: 'server-down', reason: `${consecutiveFailures} failures in a row, the last: ${channel.reason}` });
          break;
        }
        await clock.sleep(input.retry.firstDelayMs * 2 ** Math.min(connectFailures - 1, 6), wake.signal);
        continue;
      }
      connectFailures = 0;
      const now = clock.now();
      const wait = limiter.delay(now);
      if (wait > input.maxWaitMs) {
        channel.release();
        stop({ kind: 'rate-limit', limit: limiter.blockingLimit(now), waitMs: wait });
        break;
      }
      if (wait > 0) {
        channel.release();
        if (wait > 1_000) input.onEvent?.({ type: 'waiting', ms: wait, limit: limiter.blockingLimit(now) });
        await clock.sleep(wait, wake.signal);
        continue;
      }
      const item = takeReady(now);
      if (!item) {
        channel.release();
        continue;
      }
      await sendOne(item, channel, limiter.record(now));
    }
  };

  const sendOne = async (item: WorkItem, channel: Channel, slot: number): Promise<void> => {
    const message = input.build(item.recipient);
    // The attempt is synced while the envelope goes out (several connections'
    // attempts share one fdatasync); the channel holds the message data back
    // until it is durable, so an accepted message is always on record first.
    const attempt = input.journal.append({ type: 'attempt', at: iso(clock.now()), to: item.recipient.key, messageId: message.messageId });
    const unrecorded = attempt.then(
      () => undefined,
      (error: unknown) => error ?? new Error('the attempt could not be recorded'),
    );
    const startedAt = clock.now();
    limiter.restamp(slot, startedAt);
    const result = await channel.send(message.envelope, message.chunks, attempt);
    const failure = await unrecorded;
    if (failure !== undefined) {
      // No data went out: the recipient is as it was, left for the next run.
      putBack(item);
      stop(ledgerStop(failure));
      return;
    }
    item.tries++;
    report.attempts++;
    // Counted from when the server had the whole message, the latest moment
    // it can have counted it: the next send in the window then starts after
    // it, however long this one took on the wire.
    limiter.restamp(startedAt, clock.now());
    // What the report will say of this recipient, once the outcome is on disk
    // (undefined while a retry is still to come).
    let reported: (() => void) | undefined;
    switch (result.status) {
      case 'delivered':
        consecutiveFailures = 0;
        reported = () => report.delivered.push(item.recipient);
        break;
      case 'failed':
        consecutiveFailures = 0;
        reported = () => report.failed.push({ recipient: item.recipient, reason: result.reason, bounced: result.noSuchUser });
        break;
      case 'in-doubt':
        consecutiveFailures++;
        item.lastReason = result.reason;
        reported = () => report.inDoubt.push({ recipient: item.recipient, reason: result.reason });
        break;
      case 'deferred':
        item.lastReason = result.reason;
        if (result.fatal) {
          reported = () => report.deferred.push({ recipient: item.recipient, reason: result.reason });
          stop({ kind: 'fatal', reason: result.fatal });
          break;
        }
        consecutiveFailures = result.connectionFailure ? consecutiveFailures + 1 : 0;
        if (item.tries < input.retry.attempts) {
          item.notBefore = clock.now() + input.retry.firstDelayMs * 2 ** (item.tries - 1);
          retries.push(item);
        } else {
          reported = () => report.deferred.push({ recipient: item.recipient, reason: result.reason });
        }
        break;
    }
    // A fatal deferral stops the run; it is not progress.
    if (reported && !(result.status === 'deferred' && result.fatal)) settle(item, result);
    // The worker goes on without waiting for the outcome to be synced: the
    // ledger writes in order, so the next attempt's sync covers this outcome
    // too, and the two share one fdatasync. Until it is synced a crash leaves
    // the recipient in doubt, which is safe; the report is returned only
    // once every outcome is on disk.
    const recorded = input.journal.append(toOutcome(item.recipient.key, result, iso(clock.now()))).then(
      () => void reported?.(),
      (error: unknown) => {
        // The attempt is on disk without its outcome: the next run sees it in doubt, and so does this report.
        const retry = retries.indexOf(item);
        if (retry >= 0) retries.splice(retry, 1);
        report.inDoubt.push({ recipient: item.recipient, reason: `the outcome could not be recorded (${describe(error)})` });
        stop(ledgerStop(error));
      },
    );
    outcomes.add(recorded);
    void recorded.finally(() => outcomes.delete(recorded));
    if (consecutiveFailures >= input.stopAfterFailures) {
      stop({ kind: 'server-down', reason: `${consecutiveFailures} failures in a row, the last: ${item.lastReason ?? 'connection lost'}` });
    }
  };

  try {
    // No more connections than messages: each worker opens one before it takes a recipient.
    const workers = Math.max(1, Math.min(input.connections, recipients.length));
    await Promise.all(Array.from({ length: workers }, () => worker()));
    while (outcomes.size > 0) await Promise.all(outcomes);
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
  }
  for (const item of givenBack.reverse()) report.notAttempted.push(item.recipient);
  for (const recipient of recipients.slice(cursor)) report.notAttempted.push(recipient);
  for (const item of retries) report.deferred.push({ recipient: item.recipient, reason: item.lastReason ?? 'deferred' });
  return report;
}

/** The ledger line recording a send's result. */
export function toOutcome(to: string, result: SendResult, at: string): Outcome {
  switch (result.status) {
    case 'delivered':
      return { type: 'delivered', at, to, response: result.response };
    case 'failed':
      return { type: 'failed', at, to, reason: result.reason, bounced: result.noSuchUser };
    case 'deferred':
      return { type: 'deferred', at, to, reason: result.reason };
    case 'in-doubt':
      return { type: 'in-doubt', at, to, reason: result.reason };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EFBIG') return 'the file size limit was reached (ulimit -f)';
  return error instanceof Error ? error.message : String(error);
}

function ledgerStop(error: unknown): StopReason {
  return error instanceof SnippetError && error.hint
    ? { kind: 'ledger', reason: describe(error), hint: error.hint }
    : { kind: 'ledger', reason: describe(error) };
}

/** setTimeout fires at once for longer delays; callers re-check after every sleep, so a shorter one is safe. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.min(ms, LONGEST_TIMER_MS));
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
