import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listIssues, type IssueSummary } from '../../src/actions/list-issues.js';
import { statusCommand } from '../../src/actions/status-command.js';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { collectOutput } from '../support/collect-output.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

async function writeLedger(name: string, events: LedgerEvent[]): Promise<void> {
  await mkdir(join(ws.dir, '.snippet/ledger'), { recursive: true });
  await writeFile(join(ws.dir, '.snippet/ledger', name), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

const at = (day: string, time = '09:00'): string => `${day}T${time}:00.000Z`;
const sent = (day: string, to: string): LedgerEvent[] => [
  { type: 'attempt', at: at(day), to, messageId: `<${to}.${day}@example.invalid>` },
  { type: 'delivered', at: at(day, '09:01'), to, response: '250 2.0.0 Ok: queued' },
];

describe("the desk's list of issues (one load of the workspace for every issue)", () => {
  it('gives each issue the delivery summary `snippet status` gives it alone', async () => {
    // October went to the managers only: two delivered, one refused, one in doubt.
    const november = await ws.read('issues/2026-11.md');
    await ws.write(
      'issues/2026-10.md',
      november.replace(/^status: approved$/mu, 'status: approved\nlists: [managers]').replace('send_at: 2026-11-02', 'send_at: 2026-10-01'),
    );
    await writeLedger('2026-10.jsonl', [
      { type: 'run', at: at('2026-10-01'), pid: 1, mode: 'list', transport: 'smtp', recipients: 4 },
      ...sent('2026-10-01', 'pmhn-coordinator@example.org'),
      ...sent('2026-10-01', 'aileen.macleod@example.org'),
      { type: 'attempt', at: at('2026-10-01'), to: 'jamie.robertson@example.net', messageId: '<j@example.invalid>' },
      { type: 'failed', at: at('2026-10-01', '09:02'), to: 'jamie.robertson@example.net', reason: '550 5.1.1 no such user', bounced: true },
      { type: 'attempt', at: at('2026-10-01', '09:03'), to: 'priya.sharma@example.org', messageId: '<p@example.invalid>' },
    ]);
    // November went to the list: one delivered, one deferred; bounced later by a report, and someone unsubscribed since.
    await writeLedger('2026-11.jsonl', [
      { type: 'run', at: at('2026-11-02'), pid: 2, mode: 'list', transport: 'smtp', recipients: 40 },
      ...sent('2026-11-02', 'aileen.macleod@example.org'),
      { type: 'attempt', at: at('2026-11-02'), to: 'priya.sharma@example.org', messageId: '<q@example.invalid>' },
      { type: 'deferred', at: at('2026-11-02', '09:04'), to: 'priya.sharma@example.org', reason: '451 4.7.1 try again later' },
    ]);
    await ws.write(
      'contacts/bounces.csv',
      'date,email,kind,status,words,report_message_id,issue\n2026-11-03,aileen.macleod@example.org,hard,5.1.1,mailbox gone,<r1@example.invalid>,2026-11\n',
    );
    await ws.write('contacts/suppressions.csv', `${await ws.read('contacts/suppressions.csv')}jamie.robertson@example.net,2026-10-01,bounced\n`);
    // December was only sent as a test: nothing to show for the list.
    await writeLedger('2026-12.test.jsonl', [
      { type: 'run', at: at('2026-11-30'), pid: 3, mode: 'test', transport: 'smtp' },
      ...sent('2026-11-30', 'me@example.org'),
    ]);

    const list = await listIssues(ws.dir);
    expect(list.map((summary) => summary.id)).toEqual(['2026-12', '2026-11', '2026-10']);
    for (const summary of list) {
      const alone = await statusCommand({ dir: ws.dir, issue: summary.id, json: true }, collectOutput());
      const expected: IssueSummary['delivery'] =
        alone.runs.length > 0 || alone.delivered > 0
          ? {
              audience: alone.audience,
              delivered: alone.delivered,
              deferred: alone.deferred.length,
              failed: alone.failed.length,
              inDoubt: alone.inDoubt.length,
              suppressed: alone.suppressed,
            }
          : undefined;
      expect(summary.delivery, summary.id).toEqual(expected);
    }
    // The summaries compared are not all alike, and are what the ledgers say.
    const byId = new Map(list.map((summary) => [summary.id, summary.delivery]));
    expect(byId.get('2026-10')).toMatchObject({ delivered: 2, failed: 1, inDoubt: 1, deferred: 0 });
    expect(byId.get('2026-11')).toMatchObject({ delivered: 1, failed: 0, inDoubt: 0, deferred: 1, suppressed: 1 });
    expect(byId.get('2026-12')).toBeUndefined();
    expect(byId.get('2026-10')!.audience).toBeLessThan(byId.get('2026-11')!.audience);
  });
});
