import type { RateLimit } from '../config/rate-limit.js';
import { appendSuppressions } from '../contacts/append-suppression.js';
import { withContactsLock } from '../contacts/contacts-lock.js';
import { addressKey, type Member, type Suppression } from '../contacts/member.js';
import { readResubscriptions } from '../contacts/read-resubscriptions.js';
import { isSnippetError, type SnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { zonedDate } from '../time/zoned-time.js';
import { planDelivery, type DeliveryPlan, type Recipient } from './delivery-plan.js';
import { recipientStates, type LedgerEvent, type SendMode } from './ledger-event.js';
import { LedgerFile, readLedger } from './ledger-file.js';
import type { OutgoingMessage } from './outgoing-message.js';
import { RateLimiter } from './rate-limiter.js';
import { readRateHistory } from './read-rate-history.js';
import { runSendEngine, toOutcome, type Clock, type EngineEvent, type RetryPolicy, type SendReport } from './send-engine.js';
import { acquireSendLock, type SendLock } from './send-lock.js';
import { isConnectFailure, type Mailer } from './send-result.js';
import { bouncesToCatchUp } from './bounces-to-catch-up.js';
import { contactsLockPath, ledgerLabel, ledgerPath, lockPath, REPORT_LEDGER_LABEL, reportLedgerPath } from './state-paths.js';

/** One issue a session may send. */
export interface SessionIssue {
  id: IssueId;
  mode: SendMode;
  /** A test send's addresses; a list send goes to the members of `lists`. */
  testTo: readonly string[];
  /** The issue's `lists`; everyone when undefined. */
  lists: readonly string[] | undefined;
  /** Its messages; called only once the issue is chosen, so a cron run renders only what it sends. */
  prepare(): Promise<(recipient: Recipient) => OutgoingMessage>;
}

export interface SendSessionInput {
  dir: string;
  /** What the lock says is running, e.g. `send 2026-12`. */
  command: string;
  /** Plan only: no lock, no ledger opened for writing, nothing sent. */
  dryRun: boolean;
  issues: readonly SessionIssue[];
  /**
   * Issues only planned, never sent: their ledgers are read, not opened for
   * writing (send --due's issues still to come, which may have gone out early).
   */
  planOnly?: ReadonlyArray<Omit<SessionIssue, 'prepare'>>;
  members: readonly Member[];
  suppressions: readonly Suppression[];
  resendInDoubt: boolean;
  /** Failed recipients of the list are sent to again, unless suppressed (`send --resend-failed`). */
  resendFailed?: boolean;
  /** The transport, made only when something is to be sent; a SnippetError is that issue's problem. */
  mailer(): Promise<Mailer>;
  transport: 'smtp' | 'outbox';
  rates: readonly RateLimit[];
  connections: number;
  retry: RetryPolicy;
  stopAfterFailures: number;
  maxWaitMs: number;
  /** The engine's safety stop: on unless false (--no-safety-stop). */
  safetyStop?: boolean;
  /** Bounced addresses are suppressed with the date in this zone. */
  timeZone: string;
  clock: Clock;
  signal?: AbortSignal;
  /** How long a bounce's suppression waits for a contacts lock held by another run; withFileLock's 30 s when absent. */
  contactsLockWaitMs?: number;
  /**
   * Once every issue is planned, before anything is sent: the issues to send
   * now, in order (after a dry run, nothing is sent whatever it returns).
   */
  choose(plans: ReadonlyMap<IssueId, DeliveryPlan>): Promise<readonly IssueId[]>;
  onStart?(issue: IssueId, plan: DeliveryPlan): void;
  onEngineEvent?(issue: IssueId, event: EngineEvent): void;
  /** Each chosen issue once it is done (sent, stopped, or not made ready). */
  onDone?(outcome: SessionIssueOutcome): void;
  /** After the issues: one more message (the delivery report), sent under the same lock and limits. */
  followUp?(issues: readonly SessionIssueOutcome[]): OutgoingMessage | undefined;
}

export type SessionIssueOutcome =
  | { issue: IssueId; plan: DeliveryPlan; status: 'sent'; report: SendReport; bouncesAdded: number; elapsedMs: number; suppressionFailure?: SuppressionFailure }
  /** It could not be made ready (its messages, or the transport): nothing of it was sent. */
  | { issue: IssueId; plan: DeliveryPlan; status: 'error'; error: SnippetError };

/** Bounced addresses that could not be added to suppressions.csv (the mail had gone: reported, never thrown over the report). */
export interface SuppressionFailure {
  addresses: string[];
  reason: string;
}

export type FollowUpOutcome = { sent: true } | { sent: false; reason: string; waitMs?: number };

export interface SendSessionResult {
  plans: ReadonlyMap<IssueId, DeliveryPlan>;
  issues: SessionIssueOutcome[];
  followUp: FollowUpOutcome | undefined;
}

/**
 * One send, from the lock to the report data: take the lock, read each
 * issue's ledger once and plan it, let the caller choose what to send, then
 * for each chosen issue run the engine under one rate limiter, suppress the
 * addresses that bounced, and finally send the follow-up message. `send`,
 * `send --due` and the delivery report all go through here.
 */
export async function runSendSession(input: SendSessionInput): Promise<SendSessionResult> {
  const { clock } = input;
  const lock: SendLock | undefined = input.dryRun
    ? undefined
    : await acquireSendLock(lockPath(input.dir), input.command, { timeZone: input.timeZone }).catch((error: unknown) => {
        if (isSnippetError(error)) sendLockErrors.add(error);
        throw error;
      });
  const ledgers = new Map<IssueId, LedgerFile>();
  let mailer: Mailer | undefined;
  try {
    const events = new Map<string, LedgerEvent[]>();
    const plans = new Map<IssueId, DeliveryPlan>();
    const planOnly = new Set((input.planOnly ?? []).map((issue) => issue.id));
    for (const issue of [...input.issues, ...(input.planOnly ?? [])]) {
      const path = ledgerPath(input.dir, issue.id, issue.mode);
      const label = ledgerLabel(issue.id, issue.mode);
      let read: LedgerEvent[];
      if (input.dryRun || planOnly.has(issue.id)) {
        read = await readLedger(path, label);
      } else {
        // Before each write the ledger checks the lock is still this run's, so a run whose lock was taken over sends no more.
        const opened = await LedgerFile.open(path, label, lock ? { guard: () => lock.check() } : {});
        ledgers.set(issue.id, opened.ledger);
        read = opened.events;
      }
      events.set(path, read);
      plans.set(issue.id, planIssue(issue, input, read));
    }
    const chosen = await input.choose(plans);
    const unknown = chosen.find((id) => !input.issues.some((issue) => issue.id === id));
    if (unknown !== undefined) throw new Error(`the send session was asked to send ${unknown}, which it was given only to plan`);
    const result: SendSessionResult = { plans, issues: [], followUp: undefined };
    if (input.dryRun || chosen.length === 0) return result;

    const done = (outcome: SessionIssueOutcome): void => {
      result.issues.push(outcome);
      input.onDone?.(outcome);
    };
    const suppressed = new Set(input.suppressions.map((s) => s.key));
    const limiter = new RateLimiter(input.rates, await readRateHistory(input.dir, clock.now(), events));
    for (const id of chosen) {
      const issue = input.issues.find((i) => i.id === id)!;
      const plan = plans.get(id)!;
      const ledger = ledgers.get(id)!;
      // A run that stopped after a bounce but before suppressing it: suppress it now, unless it was resubscribed since.
      const ledgerEvents = events.get(ledgerPath(input.dir, id, issue.mode))!;
      const resubscribed = ledgerEvents.some((e) => e.type === 'failed' && e.bounced) ? await readResubscriptions(input.dir) : new Map<string, string>();
      const before = await suppress(bouncesToCatchUp(ledgerEvents, resubscribed, input.timeZone), suppressed, input);
      let build: (recipient: Recipient) => OutgoingMessage;
      try {
        build = await issue.prepare();
        mailer ??= await input.mailer();
      } catch (error) {
        if (!isSnippetError(error)) throw error;
        done({ issue: id, plan, status: 'error', error });
        continue;
      }
      await ledger.append({
        type: 'run',
        at: new Date(clock.now()).toISOString(),
        pid: process.pid,
        mode: issue.mode,
        transport: input.transport,
        recipients: plan.send.length,
        ...(input.safetyStop === false ? { safetyStop: false as const } : {}),
      });
      input.onStart?.(id, plan);
      const started = clock.now();
      const report = await runSendEngine({
        recipients: plan.send,
        build,
        mailer,
        journal: ledger,
        limiter,
        connections: input.connections,
        retry: input.retry,
        stopAfterFailures: input.stopAfterFailures,
        maxWaitMs: input.maxWaitMs,
        safetyStop: input.safetyStop !== false,
        clock,
        ...(input.signal ? { signal: input.signal } : {}),
        onEvent: (event) => input.onEngineEvent?.(id, event),
      });
      const bounced = report.failed.filter((f) => f.bounced).map((f) => f.recipient);
      const after = await suppress(bounced, suppressed, input);
      const failed = [before.failure, after.failure].filter((f) => f !== undefined);
      const suppressionFailure = failed.length === 0 ? undefined : { addresses: failed.flatMap((f) => f.addresses), reason: failed[failed.length - 1]!.reason };
      done({
        issue: id,
        plan,
        status: 'sent',
        report,
        bouncesAdded: before.added + after.added,
        elapsedMs: clock.now() - started,
        ...(suppressionFailure ? { suppressionFailure } : {}),
      });
    }

    const message = input.followUp?.(result.issues);
    if (message) {
      try {
        mailer ??= await input.mailer();
      } catch (error) {
        if (!isSnippetError(error)) throw error;
        result.followUp = { sent: false, reason: error.message };
        return result;
      }
      result.followUp = await sendFollowUp(message, input, limiter, mailer, lock);
    }
    return result;
  } finally {
    await mailer?.close();
    for (const ledger of ledgers.values()) await ledger.close();
    await lock?.release();
  }
}

/** Pure: who the issue goes to in this run. */
function planIssue(issue: Omit<SessionIssue, 'prepare'>, input: SendSessionInput, events: readonly LedgerEvent[]): DeliveryPlan {
  if (issue.mode === 'test') {
    return {
      send: issue.testTo.map((email) => ({ key: addressKey(email), email })),
      audience: issue.testTo.length,
      suppressed: [],
      alreadyDelivered: 0,
      alreadyFailed: 0,
      inDoubt: [],
      retrying: 0,
    };
  }
  return planDelivery({
    members: input.members,
    suppressions: input.suppressions,
    lists: issue.lists,
    ledger: recipientStates(events),
    resendInDoubt: input.resendInDoubt,
    resendFailed: input.resendFailed === true,
  });
}

/**
 * Appends bounced addresses not yet suppressed; returns how many were added.
 * A failure (the contacts lock held, the file not writable) comes back as
 * data: the mail has gone by now, and its report must still be given. The
 * bounces stay in the ledger, so the next run of the issue adds them.
 */
async function suppress(
  bounced: readonly Recipient[],
  suppressed: Set<string>,
  input: SendSessionInput,
): Promise<{ added: number; failure?: SuppressionFailure }> {
  const fresh = bounced.filter((r) => !suppressed.has(r.key));
  if (fresh.length === 0) return { added: 0 };
  const date = zonedDate(new Date(input.clock.now()), input.timeZone);
  try {
    // Under the contacts lock: a resubscribe rewriting suppressions.csv at this moment would lose the rows.
    await withContactsLock(
      contactsLockPath(input.dir),
      () =>
        appendSuppressions(
          input.dir,
          fresh.map((r) => ({ email: r.email, date, reason: 'bounced' })),
        ),
      { waitMs: input.contactsLockWaitMs },
    );
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    return { added: 0, failure: { addresses: fresh.map((r) => r.email), reason: error.message } };
  }
  for (const r of fresh) suppressed.add(r.key);
  return { added: fresh.length };
}

/** The errors of taking the send lock itself, as opposed to any other tempfail of a session (a contacts lock, a server). */
const sendLockErrors = new WeakSet<SnippetError>();

/** Whether `error` is "another send holds the lock": the one failure that leaves every issue to the other run. */
export function isSendLockError(error: unknown): error is SnippetError {
  return isSnippetError(error) && sendLockErrors.has(error);
}

/**
 * The delivery report is a message like any other to the server: it waits
 * for the limits and counts in them (its ledger is part of the rate
 * history). When the limits leave no room for it soon, it is not sent.
 */
async function sendFollowUp(
  message: OutgoingMessage,
  input: SendSessionInput,
  limiter: RateLimiter,
  mailer: Mailer,
  lock: SendLock | undefined,
): Promise<FollowUpOutcome> {
  const { clock } = input;
  const wait = limiter.delay(clock.now());
  if (wait > input.maxWaitMs) return { sent: false, reason: 'the sending limit leaves no room for it', waitMs: wait };
  if (wait > 0) await clock.sleep(wait, input.signal);
  if (input.signal?.aborted) return { sent: false, reason: 'interrupted' };
  const ledger = (await LedgerFile.open(reportLedgerPath(input.dir), REPORT_LEDGER_LABEL, lock ? { guard: () => lock.check() } : {})).ledger;
  try {
    const channel = await mailer.open();
    if (isConnectFailure(channel)) return { sent: false, reason: channel.reason };
    await ledger.append({ type: 'attempt', at: new Date(clock.now()).toISOString(), to: message.envelope.to, messageId: message.messageId });
    limiter.record(clock.now());
    const result = await channel.send(message.envelope, message.chunks);
    await ledger.append(toOutcome(message.envelope.to, result, new Date(clock.now()).toISOString()));
    return result.status === 'delivered' ? { sent: true } : { sent: false, reason: result.reason };
  } finally {
    await ledger.close();
  }
}
