import { createHash } from 'node:crypto';
import type { Config } from '../config/config.js';
import { parseImapAddress, type ImapAddress } from '../config/imap-address.js';
import { appendSuppressions } from '../contacts/append-suppression.js';
import { isSnippetError, SnippetError } from '../errors.js';
import { addBounceRows, bounceIndex } from '../mailbox/bounce-index.js';
import { appendBounceRows, readBounceRows } from '../mailbox/bounces-file.js';
import { openFileSource } from '../mailbox/file-source.js';
import { openImapSource } from '../mailbox/imap-source.js';
import { readLedgerIndex } from '../mailbox/ledger-index.js';
import type { MailSource, SourceMessage } from '../mailbox/mail-source.js';
import type { MessageKind, MessageReading } from '../mailbox/message-reading.js';
import { planReport, type Outcome, type ReportContext, type ReportPlan } from '../mailbox/plan-report.js';
import { readMessage } from '../mailbox/read-message.js';
import { openMailboxState, type ReadRecord } from '../mailbox/read-state.js';
import { verifyUnsubscribeToken } from '../mail/unsubscribe-token.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { parseDateTime, zonedDate } from '../time/zoned-time.js';
import { loadContacts } from '../workspace/load-contacts.js';
import { readConfig } from '../workspace/read-config.js';
import { mailboxSignIns, type ImapEnvironment } from './mailbox-sign-in.js';
import { withSuppressionsToChange } from './with-suppressions-to-change.js';

export interface MailboxOptions {
  dir: string;
  /** A folder of .eml files or an mbox file, absolute; without it, the IMAP mailboxes of mailbox.url. */
  path?: string | undefined;
  /** The PATH as the user gave it: how sources are named in the report. */
  pathLabel?: string | undefined;
  dryRun: boolean;
  /** Only messages from this day (`YYYY-MM-DD`, in the workspace's time zone) on. */
  since?: string | undefined;
  now: Date;
  /** SNIPPET_UNSUBSCRIBE_SECRET: checks the token of an unsubscribe request. */
  unsubscribeSecret: string | undefined;
  imap: ImapEnvironment;
  smtp: SmtpEnvironment;
  /** Called for each line of the report as it happens (a long mailbox shows progress). */
  onEntry?: (entry: MailboxEntry) => void;
  /** The run's OAuth2 token source when it has one already (send --due signs in to SMTP with the same). */
  accessToken?: AccessTokenProvider | undefined;
  /** Test hook: how long to wait for the IMAP server. */
  timeoutMs?: number;
}

/** One line of the report: a recipient of a message (or the message, when it has none) and what was done. */
export interface MailboxEntry {
  source: string;
  kind: MessageKind;
  recipient: string | null;
  status: string | null;
  issue: string | null;
  outcome: Outcome | { action: 'unreadable'; why: string };
}

export interface MailboxResult {
  entries: MailboxEntry[];
  /** Messages read this run. */
  read: number;
  /** Messages already read by an earlier run, left alone. */
  seenBefore: number;
  /** Reports moved to the processed folder. */
  moved: number;
  /** `.msg` files in the folder, not read. */
  notRead: string[];
  /** mailbox.processed_folder. */
  processedFolder: string;
}

/**
 * `snippet mailbox [PATH]`: reads the sender's mailbox and acts on what it
 * finds. For each message, in this order: read it (never changing it), plan
 * (pure), write the suppression and then the evidence row under the contacts
 * lock, record it as read, then move it (IMAP, reports acted on only); the
 * writes are made a batch of messages at a time, in that order. A run
 * stopped anywhere repeats nothing: a report whose evidence row exists is not
 * acted on again, a message recorded as read is not read again, and one
 * recorded as acted on but still in the inbox is only moved.
 */
export async function mailboxCommand(options: MailboxOptions): Promise<MailboxResult> {
  const config = await readConfig(options.dir, 'snippet mailbox', 'the mailbox was not read');
  const result: MailboxResult = { entries: [], read: 0, seenBefore: 0, moved: 0, notRead: [], processedFolder: config.mailbox.processedFolder };
  const since = options.since === undefined ? undefined : parseDateTime(`${options.since}T00:00`, config.timeZone);
  let context = await startingContext(options, config);
  const mailboxState = await openMailboxState(options.dir, { readOnly: options.dryRun });
  const state = mailboxState.records;
  const unsubscribeAddresses = new Set([config.unsubscribe.mailto.toLowerCase()]);
  // Messages read and planned, waiting to be written as one batch; `batchIds` are their ids.
  let batch: Step[] = [];
  let batchIds = new Set<string>();
  let written = 0;

  const handle = async (message: SourceMessage): Promise<void> => {
    // The same message twice in one batch (a copy in the mailbox): the first is written before the second is looked at.
    if (message.messageId !== undefined && batchIds.has(message.messageId)) await flush();
    const known = message.messageId === undefined ? undefined : state.get(message.messageId);
    if (known) return finishEarlier(known, message);
    let raw: Buffer;
    try {
      raw = await message.load();
    } catch (error) {
      if (!isSnippetError(error) || error.kind === 'tempfail') throw error;
      const entry = { kind: 'other', recipient: null, status: null, issue: null, outcome: { action: 'unreadable', why: error.message } } as const;
      return queue({ message, entries: [entry], acted: false });
    }
    const reading = readMessage(raw, { unsubscribeAddresses });
    const id = reading.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    if (batchIds.has(id)) await flush();
    const earlier = state.get(id);
    if (earlier) return finishEarlier(earlier, message);
    const when = reading.date ?? message.arrived ?? options.now;
    if (since && when < since) return;
    result.read++;
    const date = zonedDate(when, config.timeZone);
    const plan = planReport(reading, id, { ...context, date });
    remember(context, plan);
    const report = plan.acted && !options.dryRun ? { reading, id, date } : undefined;
    return queue({
      message,
      entries: plan.entries,
      acted: plan.acted,
      report,
      record: { id, at: options.now.toISOString(), source: message.source, kind: reading.kind },
    });
  };

  const queue = async (step: Step): Promise<void> => {
    batch.push(step);
    if (step.record) batchIds.add(step.record.id);
    if (batch.length >= batchSize(written)) await flush();
  };

  /**
   * Writes a batch, in the order that keeps a run stopped anywhere from
   * losing or repeating anything: the rows under the contacts lock (planned
   * again on the files as they are then), then the read records, then the moves.
   */
  const flush = async (): Promise<void> => {
    const steps = batch;
    batch = [];
    batchIds = new Set();
    written += steps.length;
    const acting = steps.filter((s) => s.report !== undefined);
    if (acting.length > 0) {
      const applied = await applyUnderLock(
        options.dir,
        acting.map((s) => s.report!),
        context,
      );
      acting.forEach((step, i) => {
        const plan = applied.plans[i]!;
        step.entries = plan.entries;
        step.acted = plan.acted;
      });
      context = applied.context;
    }
    for (const step of steps) {
      for (const entry of step.entries) {
        const line: MailboxEntry = { source: step.message.source, ...entry };
        result.entries.push(line);
        options.onEntry?.(line);
      }
    }
    if (options.dryRun) return;
    const records: ReadRecord[] = [];
    const moving: SourceMessage[] = [];
    for (const step of steps) {
      // A request waiting for the coordinator is read again (and listed again) until she decides.
      if (!step.record || step.entries.some((e) => e.outcome.action === 'confirm')) continue;
      const acted = step.acted || step.entries.some((e) => e.outcome.action === 'done-before');
      records.push({ ...step.record, acted });
      if (acted && step.message.moveToProcessed) moving.push(step.message);
    }
    await mailboxState.record(records);
    for (const message of moving) {
      await message.moveToProcessed!();
      result.moved++;
    }
  };

  /** A message read by an earlier run: left alone, except a report acted on that a stopped run did not get to move. */
  const finishEarlier = async (record: ReadRecord, message: SourceMessage): Promise<void> => {
    result.seenBefore++;
    if (record.acted && message.moveToProcessed && !options.dryRun) {
      await message.moveToProcessed();
      result.moved++;
    }
  };

  try {
    for (const source of await openSources(options, config, result)) {
      try {
        for await (const message of source.messages(since)) await handle(message);
        await flush();
      } catch (error) {
        // What was read before the failure is still written, as if each message had been on its own.
        await flush().catch(() => undefined);
        throw error;
      } finally {
        await source.close();
      }
    }
  } finally {
    await mailboxState.close();
  }
  return result;
}

/**
 * How many messages are written together once `written` have been: each
 * write reads the contacts and bounces.csv again under the lock, so batches
 * grow with the run (a quarter of it) and all the reading stays in proportion
 * to the mailbox, while the first lines of the report still come soon.
 */
function batchSize(written: number): number {
  return Math.max(100, Math.floor(written / 4));
}

/** A message read and planned, not yet written. */
interface Step {
  message: SourceMessage;
  entries: Array<Omit<MailboxEntry, 'source'>>;
  acted: boolean;
  /** A report to act on: planned again under the contacts lock when the batch is written. */
  report?: Report | undefined;
  /** How it is recorded as read (none for a message that could not be loaded). */
  record?: Omit<ReadRecord, 'acted'>;
}

interface Report {
  reading: MessageReading;
  id: string;
  date: string;
}

type RunContext = Omit<ReportContext, 'date'> & { suppressed: Set<string> };

async function startingContext(options: MailboxOptions, config: Config): Promise<RunContext> {
  const today = zonedDate(options.now, config.timeZone);
  const [contacts, index, bounces] = await Promise.all([loadContacts(options.dir), readLedgerIndex(options.dir), readBounceRows(options.dir)]);
  const secret = options.unsubscribeSecret;
  return {
    members: new Set(contacts.members?.members.map((m) => m.key) ?? []),
    suppressed: new Set(contacts.suppressions.map((s) => s.key)),
    index,
    bounces: bounceIndex(bounces),
    softBounceIssues: config.mailbox.softBounceIssues,
    today,
    tokenIsValid: (address, token) => secret !== undefined && verifyUnsubscribeToken(secret, address, token),
  };
}

/**
 * Plans the reports again, in order, on the files as they are under the lock
 * (read once for the batch), then writes: every suppression first, so that an
 * evidence row always means it was made, each file in one synced append.
 * Returns the plans and the context the next reports are planned in.
 */
async function applyUnderLock(dir: string, reports: readonly Report[], context: RunContext): Promise<{ plans: ReportPlan[]; context: RunContext }> {
  return withSuppressionsToChange(dir, 'nothing added', async (contacts) => {
    const fresh: RunContext = {
      ...context,
      members: new Set(contacts.members?.members.map((m) => m.key) ?? []),
      suppressed: new Set(contacts.suppressions.map((s) => s.key)),
      bounces: bounceIndex(await readBounceRows(dir)),
    };
    const plans = reports.map(({ reading, id, date }) => {
      const plan = planReport(reading, id, { ...fresh, date });
      remember(fresh, plan);
      return plan;
    });
    await appendSuppressions(
      dir,
      plans.flatMap((p) => p.suppressions),
    );
    await appendBounceRows(
      dir,
      plans.flatMap((p) => p.rows),
    );
    return { plans, context: fresh };
  });
}

/** What a report adds, so that the reports after it count it (a dry run too). */
function remember(context: RunContext, plan: ReportPlan): void {
  addBounceRows(context.bounces, plan.rows);
  for (const s of plan.suppressions) context.suppressed.add(s.email);
}

async function openSources(options: MailboxOptions, config: Config, result: MailboxResult): Promise<MailSource[]> {
  if (options.path !== undefined) {
    const source = await openFileSource(options.path, options.pathLabel ?? options.path);
    result.notRead.push(...source.skipped);
    return [source];
  }
  if (config.mailbox.urls.length === 0) {
    throw new SnippetError('no mailbox to read: mailbox.url is not set in snippet.config.yaml', {
      hint: 'Add `mailbox:` with `url: imaps://USER@HOST/INBOX`, or give a folder of saved .eml files or an mbox file: `snippet mailbox PATH`.',
    });
  }
  const sources: MailSource[] = [];
  const signInTo = mailboxSignIns(config, options.imap, options.smtp, options.dir, options.accessToken);
  try {
    for (const url of config.mailbox.urls) {
      const address = parseImapAddress(url) as ImapAddress;
      const signIn = await signInTo(address);
      sources.push(
        await openImapSource(address, signIn, { processedFolder: config.mailbox.processedFolder, ca: options.smtp.caFromFile, timeoutMs: options.timeoutMs }),
      );
    }
  } catch (error) {
    await Promise.all(sources.map((s) => s.close()));
    throw error;
  }
  return sources;
}
