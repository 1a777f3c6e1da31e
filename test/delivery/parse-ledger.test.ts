import { describe, expect, it } from 'vitest';
import { parseLedger } from '../../src/delivery/parse-ledger.js';

const AT = '2026-12-07T09:00:00.000Z';
const lines = (...events: object[]): string => events.map((event) => `${JSON.stringify(event)}\n`).join('');
const attempt = { type: 'attempt', at: AT, to: 'ann@example.org', messageId: '<1@example.org>' };
const delivered = { type: 'delivered', at: AT, to: 'ann@example.org', response: '250 OK' };

describe('parseLedger', () => {
  it('reads a ledger whose every line is whole as whole: no torn tail', () => {
    const data = Buffer.from(lines(attempt, delivered));
    expect(parseLedger(data, 'ledger.jsonl')).toEqual({ events: [attempt, delivered], intactBytes: data.length, tornTail: false });
    expect(parseLedger(Buffer.alloc(0), 'ledger.jsonl')).toEqual({ events: [], intactBytes: 0, tornTail: false });
  });

  it('keeps the whole lines before a last line cut short, and says where the intact part ends', () => {
    const whole = lines(attempt);
    const data = Buffer.from(`${whole}{"type":"deliv`);
    expect(parseLedger(data, 'ledger.jsonl')).toEqual({ events: [attempt], intactBytes: Buffer.byteLength(whole), tornTail: true });
  });

  it('stops on a damaged line before the last with its file and line, and says not to delete the ledger', () => {
    const data = Buffer.from(`${lines(attempt)}not json\n${lines(delivered)}`);
    expect(() => parseLedger(data, '.snippet/ledger/2027-01.jsonl')).toThrow(
      expect.objectContaining({
        message: 'the delivery ledger is damaged at line 2',
        file: '.snippet/ledger/2027-01.jsonl',
        line: 2,
        hint: expect.stringMatching(/^Do not delete it: it records who already has this issue\./u),
      }),
    );
  });
});
