import { describe, expect, it } from 'vitest';
import type { SendEvent } from '../../src/actions/send-events.js';
import { sendPrinter, sendQuestionLine } from '../../src/cli/send-printer.js';
import { SnippetError } from '../../src/errors.js';
import { collectOutput } from '../support/collect-output.js';

const ZONE = 'Europe/London';
const plan = {
  send: [],
  audience: 2,
  suppressed: [],
  alreadyDelivered: 1,
  alreadyFailed: 0,
  inDoubt: [{ key: 'b@example.org', email: 'b@example.org' }],
  retrying: 0,
};

function print(...events: SendEvent[]): { lines: string[]; log: string } {
  const out = collectOutput();
  const printer = sendPrinter(out);
  for (const event of events) printer.onEvent(event);
  return { lines: out.lines, log: printer.log() };
}

describe('the CLI words a send', () => {
  it.each<[string, SendEvent, string[]]>([
    ['--now', { type: 'pretending', now: new Date('2026-12-01T09:15:00Z'), timeZone: ZONE }, ['pretending it is 2026-12-01 09:15 Europe/London (--now)']],
    [
      'a due issue',
      { type: 'due', issue: '2026-12', sendAt: new Date('2026-12-01T09:00:00Z'), timeZone: ZONE, now: Date.parse('2026-12-01T09:00:40Z') },
      ['2026-12: due since 2026-12-01 09:00 Europe/London'],
    ],
    [
      'a due issue taken up late (the laptop was off)',
      { type: 'due', issue: '2026-12', sendAt: new Date('2026-12-01T09:00:00Z'), timeZone: ZONE, now: Date.parse('2026-12-03T08:10:00Z') },
      ['2026-12: due since 2026-12-01 09:00 Europe/London (47 h 10 min late)'],
    ],
    [
      'a due issue taken up days late',
      { type: 'due', issue: '2026-12', sendAt: new Date('2026-12-01T09:00:00Z'), timeZone: ZONE, now: Date.parse('2026-12-06T09:00:00Z') },
      ['2026-12: due since 2026-12-01 09:00 Europe/London (5 days late)'],
    ],
    [
      'nothing to send',
      { type: 'nothing-to-send', issue: '2026-12', plan },
      ['2026-12: nothing to send (1 delivered, 0 failed, 1 in doubt, 0 suppressed).', '  in doubt: b@example.org (send again only with --resend-in-doubt)'],
    ],
    ['the question answered no', { type: 'declined', issue: '2026-12' }, ['Nothing was sent.']],
    [
      'a report that was mailed',
      { type: 'delivery-report', to: 'report@example.org', outcome: { sent: true } },
      ['delivery report sent to report@example.org'],
    ],
    [
      'a report the limit left no room for',
      { type: 'delivery-report', to: 'report@example.org', outcome: { sent: false, reason: 'the sending limit leaves no room for it', waitMs: 3_600_000 } },
      ['delivery report not sent: the sending limit leaves no room for it for 60 min'],
    ],
    [
      'a report interrupted',
      { type: 'delivery-report', to: 'report@example.org', outcome: { sent: false, reason: 'interrupted' } },
      ['delivery report not sent: interrupted'],
    ],
    [
      'a report refused',
      { type: 'delivery-report', to: 'report@example.org', outcome: { sent: false, reason: '550 no' } },
      ['delivery report not sent to report@example.org: 550 no'],
    ],
    ['the lock held', { type: 'locked', error: new SnippetError('another send is running', { kind: 'tempfail' }) }, ['error: another send is running']],
  ])('%s', (_name, event, lines) => {
    expect(print(event).lines).toEqual(lines);
  });

  it('starts with a line that never counts more connections than messages, then the progress', () => {
    const route = { transport: 'outbox /tmp/out', connections: 3, rates: [{ count: 30, unit: 'minute' as const }] };
    const { lines } = print({ type: 'started', issue: '2026-12', mode: 'test', count: 1, route, timeZone: ZONE, at: 0 });
    expect(lines).toEqual(['sending 2026-12 (test) to 1 via outbox /tmp/out, 1 connection, limits 30/minute']);
  });

  it('keeps every line it printed, for the delivery report', () => {
    const { log } = print({ type: 'declined', issue: '2026-12' }, { type: 'pretending', now: new Date('2026-12-01T09:15:00Z'), timeZone: ZONE });
    expect(log).toBe('Nothing was sent.\npretending it is 2026-12-01 09:15 Europe/London (--now)');
  });
});

describe('the question before a send to the list', () => {
  it('names the subject, the members and the transport', () => {
    expect(sendQuestionLine({ issue: '2026-12', subject: 'December', members: 1, transport: 'smtp://host:587', early: undefined })).toBe(
      'Send "December" to 1 member via smtp://host:587? [y/N] ',
    );
  });

  it('names the schedule when the issue goes early', () => {
    const early = { sendAt: new Date('2026-12-01T09:00:00Z'), now: Date.parse('2026-11-30T10:00:00Z'), timeZone: ZONE };
    expect(sendQuestionLine({ issue: '2026-12', subject: 'December', members: 40, transport: 'smtp://host:587', early })).toBe(
      '2026-12 is scheduled for 2026-12-01 09:00 Europe/London, in 23 hours. Send "December" to 40 members now, before then, via smtp://host:587? [y/N] ',
    );
  });
});
