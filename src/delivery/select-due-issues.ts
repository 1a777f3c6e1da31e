import type { IssueId, IssueStatus } from '../issue/issue.js';

/** What `send --due` needs to know of one issue file. */
export interface IssueTiming {
  id: IssueId;
  /** Undefined when the file has errors, so its status cannot be read. */
  status: IssueStatus | undefined;
  /** Its send_at, or the schedule's time for its month. */
  sendAt: Date;
}

export interface DueInput {
  /** Every issue of the workspace, oldest first. */
  issues: readonly IssueTiming[];
  /**
   * Recipients still to send (never tried, or deferred) for each approved
   * issue whose time has passed, and for those still to come that may have
   * been sent early; an issue missing here counts as unfinished.
   */
  remaining: ReadonlyMap<IssueId, number>;
  now: number;
  staleAfterMs: number;
  /** Send stale issues too (`--include-stale`). */
  includeStale: boolean;
}

export interface DueSelection {
  /** To send or resume now, oldest first. */
  due: IssueTiming[];
  /** A draft whose time has passed: never sent, only warned about. */
  drafts: IssueTiming[];
  /** Approved and unfinished, but further past its time than the stale limit. */
  stale: IssueTiming[];
  /** A file with errors whose time has passed: cannot tell whether it is due. */
  unreadable: IssueTiming[];
  /** The first issue whose time has not come yet, unless it was sent in full (early). */
  next: IssueTiming | undefined;
}

/**
 * Pure: which issues a cron run sends. An issue is due when it is approved,
 * its time has passed, someone is still to be sent to, and it is not stale:
 * every such issue is sent or resumed, oldest first.
 *
 * A stale issue that a later issue has followed is superseded: neither sent
 * nor warned about, so a cron log does not repeat every fifteen minutes,
 * forever, that an old draft was never approved (`snippet send ISSUE` still
 * sends one by name). The latest issue whose time has passed is always
 * reported, stale or not, so a missed snippet is never silent.
 */
export function selectDueIssues(input: DueInput): DueSelection {
  const selection: DueSelection = { due: [], drafts: [], stale: [], unreadable: [], next: undefined };
  for (const issue of input.issues) {
    const sentInFull = input.remaining.get(issue.id) === 0;
    if (issue.sendAt.getTime() > input.now && !sentInFull && (!selection.next || issue.sendAt < selection.next.sendAt)) selection.next = issue;
  }
  for (const issue of consideredIssues(input)) {
    const stale = input.now - issue.sendAt.getTime() > input.staleAfterMs;
    if (issue.status === undefined) {
      if (!stale) selection.unreadable.push(issue);
    } else if (issue.status === 'draft') {
      selection.drafts.push(issue);
    } else if ((input.remaining.get(issue.id) ?? 1) === 0) {
      // Complete: everyone delivered, failed, in doubt or suppressed.
    } else if (stale && !input.includeStale) {
      selection.stale.push(issue);
    } else {
      selection.due.push(issue);
    }
  }
  return selection;
}

/**
 * Pure: the issues a cron run looks at: those whose time has passed, less
 * the superseded ones (stale, with a later issue whose time has passed too).
 * The caller works out `remaining` only for these.
 */
export function consideredIssues(input: Pick<DueInput, 'issues' | 'now' | 'staleAfterMs'>): IssueTiming[] {
  const passed = input.issues.filter((issue) => issue.sendAt.getTime() <= input.now);
  const latest = passed.reduce<IssueId | undefined>((max, issue) => (max === undefined || issue.id > max ? issue.id : max), undefined);
  return passed.filter((issue) => issue.id === latest || input.now - issue.sendAt.getTime() <= input.staleAfterMs);
}
