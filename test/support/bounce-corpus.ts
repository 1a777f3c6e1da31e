import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMessage } from '../../src/mailbox/read-message.js';
import type { MessageReading } from '../../src/mailbox/message-reading.js';

export const CORPUS_DIR = new URL('../fixtures/bounces/', import.meta.url).pathname;

interface ExpectedEntry {
  status: string;
  reason: string;
  hard: boolean;
}
interface Expected {
  expected: ExpectedEntry[];
  recipients: string[];
}

/** Not failures: an auto-reply, a success report, a complaint. */
const NOT_FAILURES = new Set(['vacation', 'delivered', 'feedback']);

export interface CorpusFigures {
  /** Reports whose expected entries are all failures, and how many the reader judged alike (hard when any entry is). */
  agreement: { counted: number; agreed: number; disagreed: string[] };
  /** Reports listing expected recipients, and how many had every one of them found. */
  recipients: { counted: number; found: number; missed: string[] };
  /** Auto-replies, success reports and complaints read as hard: must be none. */
  nonBouncesReadHard: string[];
  /** Per expected class (hard, soft, auto-reply, delivered, complaint): how many, how many read alike. */
  perClass: Record<string, { counted: number; agreed: number }>;
}

/** The reader over the corpus, counted as the corpus's README says. */
export function corpusFigures(read: (raw: Buffer) => MessageReading = (raw) => readMessage(raw, { unsubscribeAddresses: new Set() })): CorpusFigures {
  const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
  const figures: CorpusFigures = {
    agreement: { counted: 0, agreed: 0, disagreed: [] },
    recipients: { counted: 0, found: 0, missed: [] },
    nonBouncesReadHard: [],
    perClass: {},
  };
  const tally = (cls: string, agreed: boolean): void => {
    const entry = (figures.perClass[cls] ??= { counted: 0, agreed: 0 });
    entry.counted++;
    if (agreed) entry.agreed++;
  };
  for (const file of readdirSync(join(CORPUS_DIR, 'eml')).sort()) {
    const want = expected[file];
    if (!want) continue;
    const reading = read(readFileSync(join(CORPUS_DIR, 'eml', file)));
    const failures = want.expected.every((e) => !NOT_FAILURES.has(e.reason));
    if (failures) {
      const hard = want.expected.some((e) => e.hard);
      const agreed = (reading.kind === 'hard') === hard && (reading.kind === 'hard' || reading.kind === 'soft');
      figures.agreement.counted++;
      if (agreed) figures.agreement.agreed++;
      else figures.agreement.disagreed.push(`${file}: expected ${hard ? 'hard' : 'soft'}, read ${reading.kind}`);
      tally(hard ? 'hard' : 'soft', agreed);
    } else {
      if (reading.kind === 'hard') figures.nonBouncesReadHard.push(`${file}: ${want.expected.map((e) => e.reason).join(', ')} read as hard`);
      const reason = want.expected[0]!.reason;
      const cls = reason === 'vacation' ? 'auto-reply' : reason === 'feedback' ? 'complaint' : 'delivered';
      tally(cls, reading.kind === cls);
    }
    if (want.recipients.length > 0) {
      figures.recipients.counted++;
      const named = new Set(
        [...reading.recipients.flatMap((r) => [r.address, r.finalAddress ?? '']), ...(reading.kind === 'auto-reply' && reading.from ? [reading.from] : [])].map(
          (a) => a.toLowerCase(),
        ),
      );
      const all = want.recipients.every((r) => named.has(r.toLowerCase()));
      if (all) figures.recipients.found++;
      else figures.recipients.missed.push(`${file}: expected ${want.recipients.join(' ')}, read ${[...named].filter(Boolean).join(' ') || 'none'}`);
    }
  }
  return figures;
}
