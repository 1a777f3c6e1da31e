import { join } from 'node:path';
import type { CsvLayout } from '../contacts/append-csv-records.js';
import { appendSuppressions } from '../contacts/append-suppression.js';
import { withContactsLock } from '../contacts/contacts-lock.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { contactsLockPath } from '../delivery/state-paths.js';
import { fileStamp } from '../fs/file-stamp.js';
import { addBounceRows, bounceIndex, copyBounceIndex, type BounceIndex } from '../mailbox/bounce-index.js';
import { appendBounceRows, BOUNCES_FILE, readBounceRows } from '../mailbox/bounces-file.js';
import type { SourceMessage } from '../mailbox/mail-source.js';
import type { MessageKind, MessageReading } from '../mailbox/message-reading.js';
import { planReport, type Outcome, type ReportContext, type ReportPlan } from '../mailbox/plan-report.js';
import type { MailboxState, ReadRecord } from '../mailbox/read-state.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { loadContacts } from '../workspace/load-contacts.js';
import { refuseBrokenSuppressions } from './with-suppressions-to-change.js';

/** One line of the report: a recipient of a message (or the message, when it has none) and what was done. */
export interface MailboxEntry {
  source: string;
  kind: MessageKind;
  recipient: string | null;
  status: string | null;
  issue: string | null;
  outcome: Outcome | { action: 'unreadable'; why: string };
}

/** A message read and planned, not yet written. */
export interface Step {
  message: SourceMessage;
  entries: Array<Omit<MailboxEntry, 'source'>>;
  acted: boolean;
  /** A report to act on: planned again under the contacts lock when the batch is written. */
  report?: Report | undefined;
  /** How it is recorded as read (none for a message that could not be loaded). */
  record?: Omit<ReadRecord, 'acted'>;
}

export interface Report {
  reading: MessageReading;
  id: string;
  date: string;
}

/** What a run plans its reports in; `suppressed` and `bounces` grow as reports are planned. */
export type RunContext = Omit<ReportContext, 'date'> & { suppressed: Set<string> };

/** What the batches write to, and where they say what they did. */
export interface BatchRun {
  dir: string;
  dryRun: boolean;
  state: MailboxState;
  /** Each line of the report, once its message's batch is written. */
  report(line: MailboxEntry): void;
  /** Each message moved to the processed folder. */
  moved(): void;
}

/**
 * The messages of a run, read and planned, written a batch at a time, in the
 * order that keeps a run stopped anywhere from losing or repeating anything:
 * the rows under the contacts lock (planned again on the files as they are
 * then), then the read records, then the moves.
 */
export class MailboxWriteBatch {
  /** What the next message is planned in: the files as last written, and the messages planned since. */
  planning: RunContext;
  private steps: Step[] = [];
  private ids = new Set<string>();
  private written = 0;
  /** The files as this run last read or wrote them under the lock; undefined until then, and after a write that failed. */
  private known: KnownFiles | undefined;

  constructor(
    private readonly run: BatchRun,
    context: RunContext,
  ) {
    this.planning = context;
  }

  /** Whether the message with this id waits in the batch. */
  holds(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds a message read and planned; writes the batch once it is full. */
  async add(step: Step): Promise<void> {
    this.steps.push(step);
    if (step.record) this.ids.add(step.record.id);
    if (this.steps.length >= batchSize(this.written)) await this.write();
  }

  /** Writes the messages waiting, if any. */
  async write(): Promise<void> {
    const steps = this.steps;
    this.steps = [];
    this.ids = new Set();
    this.written += steps.length;
    const acting = steps.filter((s) => s.report !== undefined);
    if (acting.length > 0) {
      const plans = await this.apply(acting.map((s) => s.report!));
      acting.forEach((step, i) => {
        step.entries = plans[i]!.entries;
        step.acted = plans[i]!.acted;
      });
    }
    for (const step of steps) for (const entry of step.entries) this.run.report({ source: step.message.source, ...entry });
    if (this.run.dryRun) return;
    const records: ReadRecord[] = [];
    const moving: SourceMessage[] = [];
    for (const step of steps) {
      // A request waiting for the coordinator is read again (and listed again) until she decides.
      if (!step.record || step.entries.some((e) => e.outcome.action === 'confirm')) continue;
      const acted = step.acted || step.entries.some((e) => e.outcome.action === 'done-before');
      records.push({ ...step.record, acted });
      if (acted && step.message.moveToProcessed) moving.push(step.message);
    }
    await this.run.state.record(records);
    for (const message of moving) {
      await message.moveToProcessed!();
      this.run.moved();
    }
  }

  /** Plans the reports again on the files under the lock and writes their rows; the messages after them are planned on the result. */
  private async apply(reports: readonly Report[]): Promise<ReportPlan[]> {
    const known = this.known;
    // Until the write is done, what the files hold is not known: a write that fails part-way leaves them to be read again.
    this.known = undefined;
    const { plans, files } = await applyUnderLock(this.run.dir, reports, known, this.planning);
    this.known = files;
    this.planning = { ...this.planning, members: files.members, suppressed: new Set(files.suppressed), bounces: copyBounceIndex(files.bounces) };
    return plans;
  }
}

/**
 * How many messages are written together once `written` have been: each
 * write takes the contacts lock and reads again whichever contacts file
 * changed since (bounces.csv always has, by the last write), so batches
 * grow with the run (a quarter of it) and all the reading stays in
 * proportion to the mailbox, while the first lines of the report still come soon.
 */
function batchSize(written: number): number {
  return Math.max(100, Math.floor(written / 4));
}

/** What reports are planned against, as parsed from the contacts files, and each file's stamp (fileStamp) when it was. */
interface KnownFiles {
  stamps: Map<string, string | undefined>;
  members: ReadonlySet<string>;
  suppressed: Set<string>;
  bounces: BounceIndex;
  /** How this run last appended to suppressions.csv and bounces.csv: the next append need not read a file unchanged since. */
  suppressionsLayout?: CsvLayout | undefined;
  bouncesLayout?: CsvLayout | undefined;
}

/** The files loadContacts reads that the plans depend on (members' organisations are checked against organisations.yaml). */
const CONTACT_FILES = [MEMBERS_FILE, SUPPRESSIONS_FILE, ORGANISATIONS_FILE] as const;

/**
 * Plans the reports again, in order, on the files as they are under the lock,
 * then writes: every suppression first, so that an evidence row always means
 * it was made, each file in one synced append. A file is read again only when
 * its stamp differs from the one it had when this run last read or wrote it
 * (another program changed it, or this run never read it under the lock):
 * parsing the members and the two growing files at every batch was most of a
 * big run's time. Returns the plans and the files as they are now.
 */
async function applyUnderLock(
  dir: string,
  reports: readonly Report[],
  known: KnownFiles | undefined,
  context: RunContext,
): Promise<{ plans: ReportPlan[]; files: KnownFiles }> {
  return withContactsLock(contactsLockPath(dir), async () => {
    const files = await filesNow(dir, known);
    const fresh: RunContext = { ...context, members: files.members, suppressed: files.suppressed, bounces: files.bounces };
    const plans = reports.map(({ reading, id, date }) => {
      const plan = planReport(reading, id, { ...fresh, date });
      remember(fresh, plan);
      return plan;
    });
    const suppressions = plans.flatMap((p) => p.suppressions);
    files.suppressionsLayout = await appendSuppressions(dir, suppressions, known?.suppressionsLayout);
    if (suppressions.length > 0) files.stamps.set(SUPPRESSIONS_FILE, files.suppressionsLayout?.stamp);
    const rows = plans.flatMap((p) => p.rows);
    files.bouncesLayout = await appendBounceRows(dir, rows, known?.bouncesLayout);
    if (rows.length > 0) files.stamps.set(BOUNCES_FILE, files.bouncesLayout?.stamp);
    return { plans, files };
  });
}

/** The contacts and bounces.csv as they are now: what `known` holds of a file whose stamp is unchanged, the others read again. */
async function filesNow(dir: string, known: KnownFiles | undefined): Promise<KnownFiles> {
  // Stamped before reading: a change made while a file is read shows next time.
  const names = [...CONTACT_FILES, BOUNCES_FILE];
  const stamps = new Map(await Promise.all(names.map(async (name) => [name, await fileStamp(join(dir, name))] as const)));
  const unchanged = (files: readonly string[]): boolean =>
    known !== undefined && files.every((name) => stamps.get(name) !== undefined && stamps.get(name) === known.stamps.get(name));
  let members: ReadonlySet<string>;
  let suppressed: Set<string>;
  if (known !== undefined && unchanged(CONTACT_FILES)) {
    ({ members, suppressed } = known);
  } else {
    const contacts = await loadContacts(dir);
    refuseBrokenSuppressions(contacts, 'nothing added');
    members = new Set(contacts.members?.members.map((m) => m.key) ?? []);
    suppressed = new Set(contacts.suppressions.map((s) => s.key));
  }
  const bounces = known !== undefined && unchanged([BOUNCES_FILE]) ? known.bounces : bounceIndex(await readBounceRows(dir));
  return { stamps, members, suppressed, bounces };
}

/** What a report adds, so that the reports after it count it (a dry run too). */
export function remember(context: RunContext, plan: ReportPlan): void {
  addBounceRows(context.bounces, plan.rows);
  for (const s of plan.suppressions) context.suppressed.add(s.email);
}
