import { createHash } from 'node:crypto';
import type { Config } from '../config/config.js';
import type { IssueId } from '../issue/issue.js';
import type { Mailbox } from '../schema/mailbox.js';
import type { OutgoingMessage } from './outgoing-message.js';

export interface MessageParts {
  subject: string;
  /** Already personalised for this recipient. */
  html: string;
  text: string;
}

export interface ComposeInput {
  config: Config;
  issueId: IssueId;
  to: Mailbox;
  parts: MessageParts;
  /** The recipient's https one-click unsubscribe URL, when one is configured. */
  unsubscribeUrl?: string;
  date: Date;
  /** Test sends get their own Message-ID so they never collide with the real one. */
  test?: boolean;
}

/**
 * Pure: one recipient's message with the headers that make a newsletter land:
 * List-Id, List-Unsubscribe (mailto, plus one-click https when configured) and
 * a Message-ID stable per (issue, recipient), so a resend is recognisably the
 * same message.
 */
export function composeMessage(input: ComposeInput): OutgoingMessage {
  const { config, issueId, to, parts } = input;
  const domain = config.from.address.split('@')[1] ?? 'localhost';
  const mailto = `mailto:${config.unsubscribe.mailto}?subject=${encodeURIComponent(`unsubscribe ${to.address}`)}`;
  const headers: Record<string, string> = {
    'List-Id': `${listIdLabel(config.network.shortName)} <${listIdLabel(config.network.shortName).toLowerCase().replace(/\s+/gu, '-')}.${domain}>`,
    'List-Unsubscribe': input.unsubscribeUrl ? `<${input.unsubscribeUrl}>, <${mailto}>` : `<${mailto}>`,
  };
  if (input.unsubscribeUrl?.startsWith('https://')) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return {
    from: config.from,
    to,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    subject: input.test ? `[TEST] ${parts.subject}` : parts.subject,
    text: parts.text,
    html: parts.html,
    messageId: messageId(issueId, to.address, domain, input.test === true),
    date: input.date,
    headers,
  };
}

export function messageId(issueId: IssueId, address: string, domain: string, test = false): string {
  const hash = createHash('sha256').update(`${issueId}\0${address.trim().toLowerCase()}`).digest('base64url').slice(0, 22);
  return `snippet.${issueId}.${test ? 'test.' : ''}${hash}@${domain}`;
}

function listIdLabel(name: string): string {
  return name.replace(/[^A-Za-z0-9 ._-]/gu, '').trim() || 'snippet';
}
