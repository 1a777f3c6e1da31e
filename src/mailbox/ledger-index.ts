import { addressKey } from '../contacts/member.js';
import type { LedgerEvent } from '../delivery/ledger-event.js';
import { readLedger } from '../delivery/ledger-file.js';
import { listLedgers } from '../delivery/list-ledgers.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';

/** What the ledgers say about who was sent what: each Message-ID's issue and recipient, and each address's issues. */
export interface LedgerIndex {
  byMessageId: ReadonlyMap<string, { issue: string; key: string }>;
  /** Each recipient's issues, oldest first. */
  issuesOf: ReadonlyMap<string, readonly string[]>;
}

/** Pure: the index of some issues' ledgers (list sends only: a test send is no member's issue). */
export function indexLedgers(ledgers: ReadonlyArray<{ issue: string; events: readonly LedgerEvent[] }>): LedgerIndex {
  const byMessageId = new Map<string, { issue: string; key: string }>();
  const issuesOf = new Map<string, string[]>();
  for (const { issue, events } of [...ledgers].sort((a, b) => a.issue.localeCompare(b.issue))) {
    for (const event of events) {
      if (event.type !== 'attempt') continue;
      const key = addressKey(event.to);
      byMessageId.set(event.messageId, { issue, key });
      const issues = issuesOf.get(key) ?? [];
      if (issues.at(-1) !== issue) issues.push(issue);
      issuesOf.set(key, issues);
    }
  }
  return { byMessageId, issuesOf };
}

/** IO: every issue's list ledger in the workspace, indexed (a test send is no member's issue). */
export async function readLedgerIndex(dir: string): Promise<LedgerIndex> {
  const issues = (await listLedgers(dir)).flatMap((ledger) => (ledger.mode === 'list' ? [ledger.issue] : []));
  const ledgers = await Promise.all(
    issues.map(async (issue) => ({ issue, events: await readLedger(ledgerPath(dir, issue, 'list'), ledgerLabel(issue, 'list')) })),
  );
  return indexLedgers(ledgers);
}

/**
 * Pure: the issue a report about `key` is about: the one whose ledger sent
 * the returned Message-ID, else the one our Message-ID names if it went to
 * that address, else the last issue that went to the address.
 */
export function matchIssue(index: LedgerIndex, key: string, originalMessageId: string | undefined, namedIssue: string | undefined): string | undefined {
  const sent = originalMessageId === undefined ? undefined : index.byMessageId.get(originalMessageId);
  if (sent) return sent.issue;
  const issues = index.issuesOf.get(key) ?? [];
  if (namedIssue !== undefined && issues.includes(namedIssue)) return namedIssue;
  return issues.at(-1);
}
