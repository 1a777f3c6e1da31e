import { addressKey } from '../contacts/member.js';
import type { NewSuppression } from '../contacts/append-suppression.js';
import { wasActedOn, type BounceIndex } from './bounce-index.js';
import type { BounceRow } from './bounces-file.js';
import { matchIssue, type LedgerIndex } from './ledger-index.js';
import type { MessageKind, MessageReading, ReportedRecipient } from './message-reading.js';

/** What the workspace knows when a report is planned: read once per run, and again under the contacts lock before writing. */
export interface ReportContext {
  /** Members' address keys. */
  members: ReadonlySet<string>;
  /** Suppressed address keys. */
  suppressed: ReadonlySet<string>;
  index: LedgerIndex;
  /** bounces.csv. */
  bounces: BounceIndex;
  /** Soft bounces in this many consecutive issues suppress (`mailbox.soft_bounce_issues`). */
  softBounceIssues: number;
  /** Whether a token from an unsubscribe request's subject is the member's own (false without the secret). */
  tokenIsValid(address: string, token: string): boolean;
  /** The report's date, `YYYY-MM-DD` in the workspace's zone: the evidence row's. */
  date: string;
  /** Today in the workspace's zone: the suppression's date. */
  today: string;
}

/** What is done about one recipient of a report. */
export type Outcome =
  | { action: 'suppress'; reason: string }
  /** Evidence written (a soft bounce counted, or a report about an address already suppressed). */
  | { action: 'record'; detail: string }
  /** This report was already acted on in an earlier run. */
  | { action: 'done-before' }
  /** An unsubscribe request without proof: the coordinator decides. */
  | { action: 'confirm'; why: string }
  | { action: 'nothing'; why: string };

export interface PlannedEntry {
  kind: MessageKind;
  recipient: string | null;
  status: string | null;
  issue: string | null;
  outcome: Outcome;
}

export interface ReportPlan {
  entries: PlannedEntry[];
  rows: BounceRow[];
  suppressions: NewSuppression[];
  /** Rows are written: over IMAP the report is then moved to the processed folder. */
  acted: boolean;
}

const REASONS = { hard: 'bounced (after delivery)', repeated: 'bounced (repeated)', complaint: 'complaint', unsubscribe: 'unsubscribed (email)' } as const;

/**
 * Pure: what to do about one report. Only members' addresses are acted on;
 * a report already in bounces.csv (same report Message-ID and address) is
 * not acted on again, so a run repeated after a crash changes nothing twice.
 */
export function planReport(reading: MessageReading, reportId: string, context: ReportContext): ReportPlan {
  const plan: ReportPlan = { entries: [], rows: [], suppressions: [], acted: false };
  const acting = reading.kind === 'hard' || reading.kind === 'soft' || reading.kind === 'complaint' || reading.kind === 'unsubscribe';
  if (!acting || reading.recipients.length === 0) {
    const why = acting ? 'the report names no recipient' : reading.kind === 'auto-reply' ? 'an automatic reply changes nothing' : 'not a report about a member';
    const recipients: Array<ReportedRecipient | undefined> = reading.recipients.length > 0 ? reading.recipients : [undefined];
    for (const r of recipients) {
      plan.entries.push({
        kind: reading.kind,
        recipient: r?.address ?? null,
        status: r?.status ?? null,
        issue: reading.issue ?? null,
        outcome: { action: 'nothing', why },
      });
    }
    return plan;
  }
  // What this report adds counts for its later recipients too (an address may be named twice); the context is left as it is.
  const suppressedHere = new Set<string>();
  const isSuppressed = (key: string): boolean => context.suppressed.has(key) || suppressedHere.has(key);
  for (const recipient of reading.recipients) {
    const key = memberKey(recipient, context.members);
    const kind: MessageKind = reading.kind === 'hard' || reading.kind === 'soft' ? (recipient.severity ?? 'soft') : reading.kind;
    const issue = key === undefined ? (reading.issue ?? null) : (matchIssue(context.index, key, reading.originalMessageId, reading.issue) ?? null);
    const entry = { kind, recipient: recipient.address, status: recipient.status ?? null, issue };
    if (key === undefined) {
      plan.entries.push({ ...entry, outcome: { action: 'nothing', why: 'not on the mailing list' } });
      continue;
    }
    if (wasActedOn(context.bounces, reportId, key) || plan.rows.some((r) => r.reportMessageId === reportId && r.email === key)) {
      plan.entries.push({ ...entry, outcome: { action: 'done-before' } });
      continue;
    }
    if (kind === 'unsubscribe') {
      const proof = unsubscribeProof(reading, key, context);
      if (proof !== undefined) {
        plan.entries.push({ ...entry, outcome: { action: 'confirm', why: proof } });
        continue;
      }
    }
    const row: BounceRow = {
      date: context.date,
      email: key,
      kind,
      status: recipient.status ?? '',
      words: recipient.words,
      reportMessageId: reportId,
      issue: issue ?? '',
    };
    plan.rows.push(row);
    plan.acted = true;
    const bounced = bouncedIssues(key, context.bounces, plan.rows);
    const reason = reasonFor(kind, key, issue, bounced, context);
    if (reason !== undefined && !isSuppressed(key)) {
      suppressedHere.add(key);
      plan.suppressions.push({ email: key, date: context.today, reason });
      plan.entries.push({ ...entry, outcome: { action: 'suppress', reason } });
    } else {
      const detail = isSuppressed(key)
        ? 'already suppressed'
        : `soft bounce ${softStreak(key, issue, bounced, context.index)} of ${context.softBounceIssues} in a row before it is suppressed`;
      plan.entries.push({ ...entry, outcome: { action: 'record', detail } });
    }
  }
  return plan;
}

/** The member a recipient is: its address, or the address the report says it was delivered to. */
function memberKey(recipient: ReportedRecipient, members: ReadonlySet<string>): string | undefined {
  for (const address of [recipient.address, recipient.finalAddress]) {
    if (address !== undefined && members.has(addressKey(address))) return addressKey(address);
  }
  return undefined;
}

/** Why an unsubscribe request cannot be acted on without the coordinator, or undefined when it carries proof. */
function unsubscribeProof(reading: MessageReading, key: string, context: ReportContext): string | undefined {
  const request = reading.unsubscribe;
  if (request?.token !== undefined && context.tokenIsValid(key, request.token)) return undefined;
  const fromMember = request?.from !== undefined && addressKey(request.from) === key;
  if (fromMember && request.dmarcPass) return undefined;
  if (request?.token !== undefined) return 'its token is not this member’s';
  if (!fromMember) return `it was sent by ${request?.from ?? 'an unknown sender'}, not by the member`;
  return 'it has no token and its sender could not be verified (no DMARC pass)';
}

/** The issues bounces.csv and this report's own rows record a soft or hard bounce of `key` for. */
function bouncedIssues(key: string, bounces: BounceIndex, planned: readonly BounceRow[]): ReadonlySet<string> {
  const issues = new Set(bounces.bouncedIssues.get(key));
  for (const r of planned) if (r.email === key && (r.kind === 'soft' || r.kind === 'hard')) issues.add(r.issue);
  return issues;
}

function reasonFor(kind: MessageKind, key: string, issue: string | null, bounced: ReadonlySet<string>, context: ReportContext): string | undefined {
  if (kind === 'hard') return REASONS.hard;
  if (kind === 'complaint') return REASONS.complaint;
  if (kind === 'unsubscribe') return REASONS.unsubscribe;
  return softStreak(key, issue, bounced, context.index) >= context.softBounceIssues ? REASONS.repeated : undefined;
}

/**
 * Pure: how many issues in a row, ending at `issue`, bounced for this
 * address, counted over the issues the ledgers say it was sent. An issue it
 * got without a bounce ends the run.
 */
export function softStreak(key: string, issue: string | null, bounced: ReadonlySet<string>, index: LedgerIndex): number {
  if (issue === null) return 0;
  const issues = index.issuesOf.get(key) ?? [];
  let count = 0;
  for (let i = issues.indexOf(issue); i >= 0 && bounced.has(issues[i]!); i--) count++;
  return count;
}
