import { decodeHeaderWords } from './decode-text.js';

/** One recipient's fields of a `message/delivery-status` part (RFC 3464 section 2.3). */
export interface DsnRecipient {
  /** Original-Recipient where given (the address we sent to), else Final-Recipient. */
  address: string | undefined;
  /** Final-Recipient, which may be an alias the address was forwarded to. */
  finalAddress: string | undefined;
  /** failed, delayed, delivered, relayed, expanded; lower-case. */
  action: string | undefined;
  /** The enhanced status code, e.g. 5.1.1. */
  status: string | undefined;
  /** Diagnostic-Code without its type (`smtp;`): the receiving server's own words. */
  diagnostic: string | undefined;
  /** The Diagnostic-Code's type, lower-case: `smtp`, or `x-unix` for a local delivery program. */
  diagnosticType: string | undefined;
}

const FIELD = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/u;

/**
 * Pure: the per-recipient fields of a delivery-status body. Groups are
 * meant to be separated by blank lines; servers that leave them out still
 * start a new recipient at each Final-Recipient, so no recipient is merged
 * into another.
 */
export function parseDeliveryStatus(text: string): DsnRecipient[] {
  const groups: Array<Map<string, string>> = [];
  let group = new Map<string, string>();
  let last: string | undefined;
  const close = (): void => {
    if (group.size > 0) groups.push(group);
    group = new Map();
    last = undefined;
  };
  for (const raw of text.split(/\r?\n/u)) {
    if (raw.trim() === '') {
      close();
      continue;
    }
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last !== undefined) {
      group.set(last, `${group.get(last)!} ${raw.trim()}`);
      continue;
    }
    const match = FIELD.exec(raw);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    if (group.has(name) && (name === 'final-recipient' || name === 'original-recipient')) close();
    if (!group.has(name)) group.set(name, match[2]!.trim());
    last = name;
  }
  close();
  return groups.filter((g) => g.has('final-recipient') || g.has('original-recipient')).map(recipientOf);
}

function recipientOf(group: Map<string, string>): DsnRecipient {
  const finalAddress = addressOf(group.get('final-recipient'));
  const original = addressOf(group.get('original-recipient'));
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/u.exec(group.get('status') ?? '')?.[1];
  const code = /^(?:([\w-]+)\s*;)?\s*(.*)$/su.exec(group.get('diagnostic-code') ?? '')!;
  const diagnostic = code[2]!.trim() || undefined;
  return {
    address: original ?? finalAddress,
    finalAddress,
    action: group
      .get('action')
      ?.trim()
      .toLowerCase()
      .split(/[\s(;]/u)[0],
    status,
    diagnostic: diagnostic ? decodeHeaderWords(diagnostic) : undefined,
    diagnosticType: code[1]?.toLowerCase(),
  };
}

/** `rfc822; <anna@example.org>` → `anna@example.org`; undefined when no address is there. */
function addressOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/^[\w-]+\s*;\s*/u, '').trim();
  const match = /<?([^\s<>;"]+@[^\s<>;"]+?)>?(?:\s|$)/u.exec(`${text} `);
  return match ? match[1]!.replace(/^["']|["'.]$/gu, '') : undefined;
}
