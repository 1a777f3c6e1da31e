import { afterEach, describe, expect, it } from 'vitest';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { describeSchedule } from '../../src/time/describe-schedule.js';
import { collectOutput } from '../support/collect-output.js';
import { sendDueOptions, sendWorkspace } from '../support/send-workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('send --due --dry-run at the very minute an issue is due (regression: "due since 09:00", then "scheduled … in 1 minute")', () => {
  it('says the issue is due now in both lines', async () => {
    const ws = await sendWorkspace({ members: 2 });
    cleanups.push(ws.remove);
    const out = collectOutput();
    // December's issue is scheduled for 2026-12-01 09:00 London time.
    const outcome = await sendDueCommand(
      { ...sendDueOptions(ws.dir, 'smtp://127.0.0.1:1', '2026-12-01T09:00'), dryRun: true, render: renderInProcess },
      sendPrinter(out),
    );
    expect(outcome.exitCode).toBe(0);
    expect(out.lines).toContain('2026-12: due since 2026-12-01 09:00 Europe/London');
    expect(out.lines).toContain('  scheduled       2026-12-01 09:00 Europe/London, due now');
    expect(out.text()).not.toMatch(/in 1 minute/u);
  });
});

describe('describeSchedule', () => {
  const at = new Date('2026-12-01T09:00:00Z');
  it.each([
    [-3 * 3_600_000, '2026-12-01 09:00 Europe/London, in 3 hours'],
    [-90_000, '2026-12-01 09:00 Europe/London, in 1 minute'],
    [-30_000, '2026-12-01 09:00 Europe/London, in less than a minute'],
    [0, '2026-12-01 09:00 Europe/London, due now'],
    [59_000, '2026-12-01 09:00 Europe/London, due now'],
    [60_000, '2026-12-01 09:00 Europe/London, 1 minute ago'],
    [26 * 3_600_000, '2026-12-01 09:00 Europe/London, 26 hours ago'],
  ])('%i ms after it is now: %s', (offset, words) => {
    expect(describeSchedule(at, at.getTime() + offset, 'Europe/London')).toBe(words);
  });
});
