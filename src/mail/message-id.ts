import { createHash } from 'node:crypto';
import type { IssueId } from '../issue/issue.js';

/**
 * A Message-ID stable per (issue, recipient): sending the same issue to the
 * same member again, after a crash or with --resend-in-doubt, gives the same
 * ID, which lets receiving servers and clients recognise a duplicate.
 */
export function messageId(issueId: IssueId, address: string, domain: string, test = false): string {
  const hash = createHash('sha256').update(`${issueId}\0${address.trim().toLowerCase()}`).digest('base64url').slice(0, 22);
  return `snippet.${issueId}.${test ? 'test.' : ''}${hash}@${domain}`;
}
