import type { RateLimit } from '../config/rate-limit.js';
import { SnippetError } from '../errors.js';
import type { Recipient } from './delivery-plan.js';
import type { LedgerEvent, Outcome } from './ledger-event.js';
import type { OutgoingMessage } from './outgoing-message.js';
import type { RateLimiter } from './rate-limiter.js';
import { judge, type Settled, type Verdict } from './judge.js';
import { failureCode, SafetyStop, type SafetyTrip } from './safety-stop.js';
import { isConnectFailure, TransportBug, type Channel, type Envelope, type Mailer, type SendResult } from './send-result.js';
import { SyncHold, type HoldableJournal } from './sync-hold.js';
import { WorkQueue, type WorkItem } from './work-queue.js';
import { isDiskFull } from '../fs/disk-full.js';

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
  /** The ledger; with `hold`, a connection holds its next sync while its server reads a message (see LedgerFile.hold). */
  journal: { append(event: LedgerEvent): Promise<void> } & HoldableJournal;
  limiter: RateLimiter;
  connections: number;
  retry: RetryPolicy;
  /** Consecutive connection failures after which the server is taken to be down. */
  stopAfterFailures: number;
  /** The longest the run waits for a rate window; a longer wait ends the run (the next one carries on). */
  maxWaitMs: number;
  /** Stop when most of the first answers are the same permanent refusal (safety-stop.ts); off with --no-safety-stop. */
  safetyStop?: boolean;
  clock: Clock;
  signal?: AbortSignal;
  onEvent?(event: EngineEvent): void;
}

export type EngineEvent =
  | { type: 'outcome'; recipient: Recipient; result: SendResult; settled: number; total: number }
  | { type: 'waiting'; ms: number; limit: RateLimit | undefined }
  /** The server could not be reached (or refused the session for now): the run waits `ms`, then tries again. */
  | { type: 'reconnecting'; ms: number; reason: string; failures: number };

export type StopReason =
  | { kind: 'rate-limit'; limit: RateLimit | undefined; waitMs: number }
  | { kind: 'server-down'; reason: string }
  | { kind: 'interrupted' }
  /** Nothing can get through until the user fixes something (sign-in, TLS). */
  | { kind: 'fatal'; reason: string }
  /** The ledger could not be written (e.g. a full disk), or was deleted: nothing more is sent. */
  | { kind: 'ledger'; reason: string; hint?: string }
  /** Most of the first answers were one permanent refusal: the server refusing everyone, not dead addresses. */
  | ({ kind: 'safety' } & SafetyTrip);

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

/**
 * Sends to every recipient through `connections` workers. For each message:
 * wait for a rate-limit slot, make the attempt durable in the ledger (while
 * the envelope goes out), send the data, make the outcome durable. A crash between any two of those steps leaves
 * the recipient either untouched or in doubt, never silently re-sendable.
 * A bug (anything thrown: the transport returns the server's and the
 * network's failures) stops every worker, and once the messages in flight
 * are on record it is thrown on, never taken for a lost connection.
 */
export async function runSendEngine(input: SendEngineInput): Promise<SendReport> {
  return new SendRun(input).run();
}

/** A recipient whose envelope went out with the previous message's data, on that message's connection. */
interface Pipelined {
  item: WorkItem;
  message: OutgoingMessage;
  channel: Channel;
  slot: number;
}

/** One run of the engine: the worker loop is the spine, each step a method. */
class SendRun {
  private readonly queue: WorkQueue;
  private readonly report: SendReport = { delivered: [], failed: [], inDoubt: [], deferred: [], notAttempted: [], stop: undefined, attempts: 0 };
  private settled = 0;
  /** Failures in a row, across workers: enough and the server is taken to be down. */
  private failuresInARow = 0;
  /** When connecting began to fail (undefined while it works): the run waits for the server at most maxWaitMs from then. */
  private unreachableSince: number | undefined;
  /** Wakes every sleeping worker when the run stops. */
  private readonly wake = new AbortController();
  /** Outcomes being written; the report is returned only once every one is on disk. */
  private readonly outcomes = new Set<Promise<void>>();
  /** The first bug a worker hit: the run ends by throwing it. */
  private bug: { error: unknown } | undefined;
  private readonly safety: SafetyStop | undefined;
  /**
   * The next recipient's message, built while the process would otherwise
   * wait (see buildAhead), for the next take if it takes
   * that recipient; any take clears it, and one kept waiting (for a rate
   * window) is built again, so that its Date header is the time it goes.
   */
  private prebuilt: { recipient: Recipient; message: OutgoingMessage; at: number } | undefined;

  constructor(private readonly input: SendEngineInput) {
    this.queue = new WorkQueue(input.recipients);
    this.safety = input.safetyStop === false ? undefined : new SafetyStop(input.recipients.length);
  }

  async run(): Promise<SendReport> {
    const { input } = this;
    const onAbort = (): void => this.stop({ kind: 'interrupted' });
    input.signal?.addEventListener('abort', onAbort, { once: true });
    if (input.signal?.aborted) onAbort();
    try {
      // No more connections than messages: each worker opens one before it takes a recipient.
      const workers = Math.max(1, Math.min(input.connections, input.recipients.length));
      await Promise.all(Array.from({ length: workers }, () => this.worker().catch((error: unknown) => this.fail(error))));
      while (this.outcomes.size > 0) await Promise.all(this.outcomes);
    } finally {
      input.signal?.removeEventListener('abort', onAbort);
    }
    if (this.bug) throw this.bug.error instanceof TransportBug ? this.bug.error.bug : this.bug.error;
    if (this.report.stop?.kind === 'safety') await this.holdBack(this.report.stop.code);
    const left = this.queue.leftovers();
    this.report.notAttempted.push(...left.notAttempted);
    for (const item of left.deferred) this.report.deferred.push({ recipient: item.recipient, reason: item.lastReason ?? 'deferred' });
    return this.report;
  }

  /**
   * One connection's loop: work ready, a connection, a rate slot, a
   * recipient, the send. A send that took the next recipient along (its
   * envelope pipelined with this message's end of data) hands it straight
   * to the next turn, on the same connection.
   */
  private async worker(): Promise<void> {
    const connecting = { failures: 0 };
    const hold = new SyncHold(this.input.journal);
    let next: Pipelined | undefined;
    try {
      while (this.running && (next !== undefined || this.queue.size > 0)) {
        if (next) {
          next = await this.send(next.item, next.channel, next.slot, hold, next.message);
          continue;
        }
        if (await this.sleptUntilReady()) continue;
        const channel = await this.connect(connecting);
        if (!channel) continue;
        const now = await this.rateSlot(channel);
        if (now === undefined) continue;
        const item = this.queue.take(now);
        if (!item) {
          channel.release();
          continue;
        }
        next = await this.send(item, channel, this.input.limiter.record(now), hold);
      }
    } finally {
      // Stopped, or stopped by a bug: nothing more of this connection joins the ledger's next sync.
      hold.release();
    }
    // The run stopped with a recipient's envelope sent ahead: dropping the connection sends nothing of it.
    if (next) this.giveUp(next);
  }

  private get running(): boolean {
    return this.report.stop === undefined && this.bug === undefined;
  }

  /**
   * The next recipient for a connection about to send a message's data, when
   * one is ready now and a rate slot is free: its envelope can go with that
   * data. Undefined otherwise, or once the run is stopping.
   */
  private takeAhead(channel: Channel): Pipelined | undefined {
    if (!this.running) return undefined;
    const { clock, limiter } = this.input;
    const now = clock.now();
    if (limiter.delay(now) > 0) return undefined;
    const item = this.queue.take(now);
    if (!item) return undefined;
    let message: OutgoingMessage;
    try {
      message = this.build(item);
    } catch (error) {
      this.queue.putBack(item);
      this.fail(error);
      return undefined;
    }
    return { item, message, channel, slot: limiter.record(now) };
  }

  /** A recipient taken along but not to be sent on its connection: back in the queue, untried, its rate slot free, and the connection let go. */
  private giveUp(next: Pipelined): void {
    this.putBackAhead(next);
    next.channel.release();
  }

  /** A recipient whose envelope went ahead but whose data will not follow on that connection: untried, and its slot taken back. */
  private putBackAhead(next: Pipelined): void {
    this.queue.putBack(next.item);
    this.input.limiter.release(next.slot);
  }

  /** A taken recipient's message: the one built ahead for it, or built now. */
  private build(item: WorkItem): OutgoingMessage {
    const ready = this.prebuilt;
    this.prebuilt = undefined;
    const fresh = ready?.recipient === item.recipient && this.input.clock.now() - ready.at < PREBUILT_FOR_MS;
    return fresh ? ready.message : this.input.build(item.recipient);
  }

  /**
   * Builds the message of the recipient the queue hands out next. With
   * pipelining, once a message's data is on its way: the process would wait
   * idle while the server reads it, and the building stays off the path from
   * a reply to the data that follows it. Without pipelining, once the
   * attempt is recorded. A message built already is kept.
   */
  private buildAhead(): void {
    if (!this.running || this.prebuilt) return;
    const now = this.input.clock.now();
    const recipient = this.queue.peek(now);
    if (!recipient) return;
    try {
      this.prebuilt = { recipient, message: this.input.build(recipient), at: now };
    } catch {
      // Built again when it is taken, where a bug stops the run.
    }
  }

  /** Sleeps when only retries are left and none is due yet; says whether it slept. */
  private async sleptUntilReady(): Promise<boolean> {
    const { clock } = this.input;
    const earliest = this.queue.earliestReady();
    if (earliest <= clock.now()) return false;
    await clock.sleep(earliest - clock.now(), this.wake.signal);
    return true;
  }

  /**
   * A ready connection first, so that connecting never eats into a rate
   * window. A failure backs off (doubling, per worker), each wait announced,
   * or stops the run: after stopAfterFailures in a row, or once the next
   * wait would end more than maxWaitMs after connecting began to fail.
   */
  private async connect(connecting: { failures: number }): Promise<Channel | undefined> {
    const { input } = this;
    const channel = await input.mailer.open();
    if (!isConnectFailure(channel)) {
      connecting.failures = 0;
      this.unreachableSince = undefined;
      return channel;
    }
    if (channel.fatal) {
      this.stop({ kind: 'fatal', reason: channel.fatal });
      return undefined;
    }
    connecting.failures++;
    this.failuresInARow++;
    const now = input.clock.now();
    this.unreachableSince ??= now;
    const wait = input.retry.firstDelayMs * 2 ** Math.min(connecting.failures - 1, 6);
    if (this.failuresInARow >= input.stopAfterFailures) {
      this.stop({ kind: 'server-down', reason: `${this.failuresInARow} failures in a row, the last: ${channel.reason}` });
      return undefined;
    }
    if (now + wait - this.unreachableSince > input.maxWaitMs) {
      const tried = formatSeconds(now - this.unreachableSince);
      this.stop({ kind: 'server-down', reason: `not reachable for ${tried} (${this.failuresInARow} tries), the last: ${channel.reason}` });
      return undefined;
    }
    input.onEvent?.({ type: 'reconnecting', ms: wait, reason: channel.reason, failures: this.failuresInARow });
    await input.clock.sleep(wait, this.wake.signal);
    return undefined;
  }

  /** The time of a free rate slot; otherwise the channel is given back, and the run waits or stops. */
  private async rateSlot(channel: Channel): Promise<number | undefined> {
    const { clock, limiter } = this.input;
    const now = clock.now();
    const wait = limiter.delay(now);
    if (wait <= 0) return now;
    channel.release();
    if (wait > this.input.maxWaitMs) {
      this.stop({ kind: 'rate-limit', limit: limiter.blockingLimit(now), waitMs: wait });
      return undefined;
    }
    if (wait > 1_000) this.input.onEvent?.({ type: 'waiting', ms: wait, limit: limiter.blockingLimit(now) });
    await clock.sleep(wait, this.wake.signal);
    return undefined;
  }

  /**
   * One message: its attempt made durable while the envelope goes out (or
   * after it went ahead with the previous message's data), then the data,
   * then the verdict. Returns the next recipient when its envelope went out
   * with this message's data and the server answered it: its send is the
   * connection's next. The previous message's outcome is in the ledger
   * before its attempt, so a connection has at most one message in doubt.
   */
  private async send(item: WorkItem, channel: Channel, slot: number, hold: SyncHold, built?: OutgoingMessage): Promise<Pipelined | undefined> {
    const { clock, limiter, journal } = this.input;
    const message = built ?? this.build(item);
    // The attempt is synced while the envelope goes out (several connections'
    // attempts share one fdatasync); the channel holds the message data back
    // until it is durable, so an accepted message is always on record first.
    const attempt = journal.append({ type: 'attempt', at: iso(clock.now()), to: item.recipient.key, messageId: message.messageId });
    // The previous message's outcome is appended too: this connection's hold on the sync is done.
    hold.release();
    const unrecorded = attempt.then(
      () => {
        // The data goes out: while the server reads it, the ledger's next sync may wait for its reply. (Taken
        // after a lost connection, it is let go below, or by the worker should a bug be thrown.)
        hold.take();
        return undefined;
      },
      (error: unknown) => error ?? new Error('the attempt could not be recorded'),
    );
    // Without pipelining: once the ledger's write and sync (queued first) are made. With it, the next
    // message was built already, while the server read this one's predecessor (below).
    setImmediate(() => this.buildAhead());
    const startedAt = clock.now();
    limiter.restamp(slot, startedAt);
    let next: Pipelined | undefined;
    const takeNext = (): Envelope | undefined => {
      next = this.takeAhead(channel);
      // The data goes out in this turn: the message after the next is built while the server reads it and
      // answers, when this process would wait idle, not on the way from its reply to the next data.
      setImmediate(() => this.buildAhead());
      return next?.message.envelope;
    };
    let result: SendResult;
    try {
      result = await channel.send(message.envelope, message.chunks, attempt, takeNext);
    } catch (error) {
      if (next) this.giveUp(next);
      await this.recordBug(item, error, unrecorded);
      throw error;
    }
    // Only an envelope the server answered is sent on: one lost with the connection was not sent, and goes back.
    if (next && channel.ahead() !== next.message.envelope) {
      this.putBackAhead(next);
      next = undefined;
    }
    const failure = await unrecorded;
    if (failure !== undefined) {
      // No data went out: the recipient is as it was, left for the next run.
      if (next) this.giveUp(next);
      this.queue.putBack(item);
      this.stop(ledgerStop(failure));
      return undefined;
    }
    item.tries++;
    this.report.attempts++;
    // Counted from when the server had the whole message, the latest moment
    // it can have counted it: the next send in the window then starts after
    // it, however long this one took on the wire.
    limiter.restamp(startedAt, clock.now());
    this.apply(item, result, judge(result, item.tries, this.input.retry));
    // No message follows at once on this connection: nothing of it joins the ledger's next sync.
    if (!next) hold.release();
    return next;
  }

  /** Carries out a verdict: the streak, a retry or a stop, progress, and the outcome in the ledger. */
  private apply(item: WorkItem, result: SendResult, verdict: Verdict): void {
    const { clock, journal } = this.input;
    if (result.status === 'deferred' || result.status === 'in-doubt') item.lastReason = result.reason;
    if (verdict.streak === 'reset') this.failuresInARow = 0;
    if (verdict.streak === 'extend') this.failuresInARow++;
    if (verdict.retryAfterMs !== undefined) this.queue.retryAt(item, clock.now() + verdict.retryAfterMs);
    if (verdict.fatal !== undefined) this.stop({ kind: 'fatal', reason: verdict.fatal });
    const trip = this.safety?.observe(result);
    if (trip) this.stop({ kind: 'safety', ...trip });
    // The worker goes on without waiting for the outcome to be synced: the
    // ledger writes in order, so the next attempt's sync covers this outcome
    // too, and the two share one fdatasync. Until it is synced a crash leaves
    // the recipient in doubt, which is safe; the report is returned only
    // once every outcome is on disk.
    const recorded = journal.append(toOutcome(item.recipient.key, result, iso(clock.now()))).then(
      () => this.enter(item, result, verdict.settles),
      (error: unknown) => {
        // The attempt is on disk without its outcome: the next run sees it in doubt, and so does this report.
        this.queue.forget(item);
        this.report.inDoubt.push({ recipient: item.recipient, reason: `the outcome could not be recorded (${describe(error)})` });
        this.stop(ledgerStop(error));
      },
    );
    this.track(recorded);
    // Told once the outcome is on its way to disk, so that a listener's bug cannot keep it off the ledger.
    if (verdict.progress) {
      this.settled++;
      this.input.onEvent?.({ type: 'outcome', recipient: item.recipient, result, settled: this.settled, total: this.input.recipients.length });
    }
    if (this.failuresInARow >= this.input.stopAfterFailures) {
      this.stop({ kind: 'server-down', reason: `${this.failuresInARow} failures in a row, the last: ${item.lastReason ?? 'connection lost'}` });
    }
  }

  /** What the report says of the recipient, once its outcome is on disk (nothing while a retry is to come). */
  private enter(item: WorkItem, result: SendResult, settles: Settled | undefined): void {
    if (settles === undefined) return;
    const { recipient } = item;
    switch (result.status) {
      case 'delivered':
        return void this.report.delivered.push(recipient);
      case 'failed':
        return void this.report.failed.push({ recipient, reason: result.reason, bounced: result.noSuchUser });
      case 'in-doubt':
        return void this.report.inDoubt.push({ recipient, reason: result.reason });
      case 'deferred':
        return void this.report.deferred.push({ recipient, reason: result.reason });
    }
  }

  /**
   * After the safety stop: the refusals with its code are not taken as the
   * recipients' own. Each is recorded deferred after its failure (the later
   * line is the ledger's word), so it is not suppressed and the next run
   * tries it again. Should that line not be written (or the process die
   * first), the failure stays, and bouncesToCatchUp still does not suppress
   * it: it reads the same trip from the ledger.
   */
  private async holdBack(code: string): Promise<void> {
    const { journal, clock } = this.input;
    const kept: SendReport['failed'] = [];
    for (const failure of this.report.failed) {
      if (failureCode(failure.reason) !== code) {
        kept.push(failure);
        continue;
      }
      const reason = `held back by the safety stop, not suppressed: ${failure.reason}`;
      try {
        await journal.append({ type: 'deferred', at: iso(clock.now()), to: failure.recipient.key, reason });
        this.report.deferred.push({ recipient: failure.recipient, reason });
      } catch {
        kept.push({ ...failure, bounced: false });
      }
    }
    this.report.failed = kept;
  }

  /**
   * A bug with a message in flight: the ledger says what may have become of
   * it. In doubt only when some of its data may have gone out; otherwise
   * deferred, so the next run sends it. Nothing is added when the attempt
   * itself was not recorded: the recipient is as it was.
   */
  private async recordBug(item: WorkItem, error: unknown, unrecorded: Promise<unknown>): Promise<void> {
    if ((await unrecorded) !== undefined) return;
    const why = `internal error (${describe(error instanceof TransportBug ? error.bug : error)})`;
    const result: SendResult =
      error instanceof TransportBug && !error.dataMayHaveGone
        ? { status: 'deferred', reason: `not sent: ${why}`, connectionFailure: false }
        : { status: 'in-doubt', reason: `${why} once the message may have been sent` };
    // Should this fail too, the attempt alone is on disk: in doubt, which is safe.
    this.track(this.input.journal.append(toOutcome(item.recipient.key, result, iso(this.input.clock.now()))).catch(() => undefined));
  }

  private track(recorded: Promise<void>): void {
    this.outcomes.add(recorded);
    void recorded.finally(() => this.outcomes.delete(recorded));
  }

  private fail(error: unknown): void {
    this.bug ??= { error };
    this.wake.abort();
  }

  private stop(reason: StopReason): void {
    this.report.stop ??= reason;
    this.wake.abort();
  }
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

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  if (isDiskFull(code)) return 'the disk is full';
  if (code === 'EFBIG') return 'the file size limit was reached (ulimit -f)';
  return error instanceof Error ? error.message : String(error);
}

function ledgerStop(error: unknown): StopReason {
  return error instanceof SnippetError && error.hint
    ? { kind: 'ledger', reason: describe(error), hint: error.hint }
    : { kind: 'ledger', reason: describe(error) };
}

/** How long a message built ahead may wait to be sent (its Date header is its build time). */
const PREBUILT_FOR_MS = 1_000;

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
