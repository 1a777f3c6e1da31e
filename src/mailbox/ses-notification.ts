import { judgeFailure } from './judge-failure.js';
import type { MessageKind, ReportedRecipient } from './message-reading.js';

/**
 * Pure: an Amazon SES notification (JSON, as SNS mails it) read as a kind
 * and its recipients, or undefined when the text is not one. Fields are
 * found by name rather than by parsing the JSON whole: SNS's mail wraps long
 * lines, which breaks the JSON but not its fields.
 */
export function readSesNotification(mailed: string): { kind: MessageKind; recipients: ReportedRecipient[] } | undefined {
  if (!mailed.includes('notificationType')) return undefined;
  // SNS may wrap the notification as a string inside its own JSON.
  const text = mailed.replace(/\\"/gu, '"');
  const type = /"notificationType"\s*:\s*"(\w+)"/u.exec(text)?.[1];
  if (type === undefined) return undefined;
  const addresses = (list: string): string[] => {
    const block = new RegExp(`"${list}"\\s*:\\s*\\[([\\s\\S]*?)\\]`, 'u').exec(text)?.[1] ?? '';
    return [...block.matchAll(/"emailAddress"\s*:\s*"([^"]+)"/gu)].map((m) => m[1]!);
  };
  if (type === 'Complaint') return { kind: 'complaint', recipients: addresses('complainedRecipients').map((address) => plain(address)) };
  if (type === 'Delivery') {
    const block = /"recipients"\s*:\s*\[([^\]]*)\]/u.exec(text)?.[1] ?? '';
    return { kind: 'delivered', recipients: [...block.matchAll(/"([^"\s]+@[^"\s]+)"/gu)].map((m) => plain(m[1]!)) };
  }
  if (type !== 'Bounce') return undefined;
  const permanent = /"bounceType"\s*:\s*"Permanent"/u.test(text);
  const block = /"bouncedRecipients"\s*:\s*\[([\s\S]*?)\]/u.exec(text)?.[1] ?? '';
  const recipients = [...block.matchAll(/\{[^{}]*\}/gu)].flatMap((entry): ReportedRecipient[] => {
    const address = /"emailAddress"\s*:\s*"([^"]+)"/u.exec(entry[0])?.[1];
    if (address === undefined) return [];
    const status = /"status"\s*:\s*"([245]\.\d{1,3}\.\d{1,3})"/u.exec(entry[0])?.[1] ?? (permanent ? '5.0.0' : '4.0.0');
    const words = /"diagnosticCode"\s*:\s*"([^"]*)"/u.exec(entry[0])?.[1]?.replace(/^[\w-]+;\s*/u, '') ?? '';
    return [{ address, status, severity: permanent ? judgeFailure({ status, words }) : 'soft', words }];
  });
  return { kind: recipients.some((r) => r.severity === 'hard') ? 'hard' : 'soft', recipients };
}

function plain(address: string): ReportedRecipient {
  return { address, status: undefined, severity: undefined, words: '' };
}
