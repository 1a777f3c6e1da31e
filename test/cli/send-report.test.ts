import { describe, expect, it } from 'vitest';
import { describeReport } from '../../src/cli/send-report.js';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import type { SendReport } from '../../src/delivery/send-engine.js';

const recipient = (n: number): Recipient => ({ key: `m${n}@example.org`, email: `m${n}@example.org` });
const empty: SendReport = { delivered: [], failed: [], inDoubt: [], deferred: [], notAttempted: [], stop: undefined, attempts: 0 };
const details = { issue: '2026-12', suppressed: 0, elapsedMs: 500, bouncesAdded: 0, earlierInDoubt: [] };

describe('the send report agrees with status (regression: "deferred" for recipients status calls "not yet tried")', () => {
  it('counts recipients never tried as not yet tried, not as deferred', () => {
    const report: SendReport = {
      ...empty,
      delivered: [recipient(1)],
      deferred: [{ recipient: recipient(2), reason: '451 4.3.0 try later' }],
      notAttempted: [recipient(3), recipient(4)],
      stop: { kind: 'fatal', reason: 'TLS failed' },
    };
    const lines = describeReport(report, details);
    expect(lines[0]).toBe('2026-12: delivered 1, deferred 1, not yet tried 2, failed 0, in doubt 0, suppressed 0; under a second.');
    expect(lines).toContain('  3 left for the next run (1 deferred, 2 not yet tried).');
  });

  it('says "1 address that does not exist" and "2 addresses that do not exist" (regression: "1 address that do not exist")', () => {
    expect(describeReport(empty, { ...details, bouncesAdded: 1 })).toContain(
      '  1 address that does not exist added to contacts/suppressions.csv (reason: bounced).',
    );
    expect(describeReport(empty, { ...details, bouncesAdded: 2 })).toContain(
      '  2 addresses that do not exist added to contacts/suppressions.csv (reason: bounced).',
    );
  });
});
