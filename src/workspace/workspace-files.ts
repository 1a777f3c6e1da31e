import type { Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';

/** The raw text of a workspace's files; `undefined` where a file does not exist. */
export interface WorkspaceFiles {
  config: string | undefined;
  organisations: string | undefined;
  members: string | undefined;
  suppressions: string | undefined;
  /** Every `issues/YYYY-MM.md`, oldest first. */
  issues: Array<{ id: IssueId; text: string }>;
  /** Doubts from decoding the CSV files (members, suppressions), with their lines. */
  csvWarnings?: Problem[];
}
