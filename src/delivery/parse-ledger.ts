import { SnippetError } from '../errors.js';
import { isLedgerEvent, type LedgerEvent } from './ledger-event.js';

export interface ParsedLedger {
  events: LedgerEvent[];
  /** Byte length of the intact part; a torn last line lies beyond it. */
  intactBytes: number;
  /** True when the last line was cut short (power loss while appending). */
  tornTail: boolean;
}

/**
 * Pure: a ledger's bytes in, its events out. Only the last line may be torn:
 * an append that power loss cut short was never acknowledged, so nothing was
 * sent on its strength. Damage anywhere else is an error, never skipped,
 * because skipping it could mail someone twice.
 */
export function parseLedger(data: Buffer, file: string): ParsedLedger {
  const events: LedgerEvent[] = [];
  let start = 0;
  let line = 0;
  while (start < data.length) {
    line++;
    const end = data.indexOf(0x0a, start);
    if (end < 0) {
      // No newline: the last append was cut short.
      return { events, intactBytes: start, tornTail: true };
    }
    const text = data.toString('utf8', start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isLedgerEvent(value)) {
      throw new SnippetError(`the delivery ledger is damaged at line ${line}`, {
        file,
        line,
        hint: 'Do not delete it: it records who already has this issue. Restore it from a backup, or move the damaged line aside only if you know what it recorded.',
      });
    }
    events.push(value);
    start = end + 1;
  }
  return { events, intactBytes: data.length, tornTail: false };
}
