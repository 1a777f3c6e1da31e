import type { Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';

/** The raw text of a workspace's files; `undefined` where a file does not exist. */
export interface WorkspaceFiles {
  config: string | undefined;
  organisations: string | undefined;
  members: string | undefined;
  suppressions: string | undefined;
  /**
   * Every `issues/YYYY-MM.md`, oldest first. One that cannot be read (a
   * dangling link, no permission) is there with the reason instead of its
   * text, so the other files are still checked and the month stays taken.
   */
  issues: Array<{ id: IssueId; text: string; unreadable?: undefined } | { id: IssueId; text?: undefined; unreadable: Problem }>;
  /** Doubts from decoding the CSV files (members, suppressions), with their lines. */
  csvWarnings?: Problem[];
}
