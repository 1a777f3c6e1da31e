import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_TEMPLATES } from '../../src/actions/fill-template.js';
import {
  crontabMarker,
  quietMinute,
  scheduleEntry,
  unionMergeLines,
  withCrontabEntry,
  withoutCrontabEntry,
  type EntryContext,
  type ScheduleTarget,
} from '../../src/actions/schedule-entry.js';
import { machineClockTime } from '../../src/time/machine-clock-time.js';

const templates = Object.fromEntries(
  ['cron.txt', 'systemd.service', 'systemd.timer', 'windows.xml', 'github.yml'].map((name) => [
    name,
    readFileSync(path.join(SCHEDULE_TEMPLATES, name), 'utf8'),
  ]),
);

const windowsContext: EntryContext = {
  paths: path.win32,
  workspace: 'C:\\Users\\Jo Smith\\OneDrive - NHS\\snippet & co',
  node: 'C:\\Program Files\\nodejs\\node.exe',
  cli: 'C:\\Users\\Jo Smith\\AppData\\Roaming\\npm\\node_modules\\snippet\\dist\\bin\\snippet.js',
  timeZone: 'Europe/London',
  at: '09:00',
  machineAt: '09:00',
  user: 'NHS\\jo.smith',
  workdir: '.',
  packageSpec: 'snippet@0.1.0',
};

const posixContext: EntryContext = {
  ...windowsContext,
  paths: path.posix,
  workspace: "/srv/pmhn/Jo's 100% newsletter",
  node: '/usr/bin/node',
  cli: '/usr/lib/node_modules/snippet/dist/bin/snippet.js',
  machineAt: '10:00',
  user: 'jo',
};

const entry = (target: ScheduleTarget, context: EntryContext) => scheduleEntry(target, context, templates);

describe('the Windows task', () => {
  const [file] = entry('windows', windowsContext);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

  it('is well-formed XML with the hourly and at-logon triggers and "run as soon as possible after a missed start"', () => {
    expect(XMLValidator.validate(file!.text)).toBe(true);
    const task = parser.parse(file!.text).Task;
    expect(task['@_xmlns']).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task');
    const calendar = task.Triggers.CalendarTrigger;
    expect(calendar.Repetition.Interval).toBe('PT1H');
    expect(calendar.ScheduleByDay.DaysInterval).toBe('1');
    expect(calendar.StartBoundary).toBe(`2026-01-01T00:${String(quietMinute(windowsContext.workspace)).padStart(2, '0')}:00`);
    expect(task.Triggers.LogonTrigger.UserId).toBe('NHS\\jo.smith');
    expect(task.Settings.StartWhenAvailable).toBe('true');
    expect(task.Settings.MultipleInstancesPolicy).toBe('IgnoreNew');
    expect(task.Settings.DisallowStartIfOnBatteries).toBe('false');
  });

  it('runs send --due in the workspace with Windows paths, spaces and & kept whole, its output to the log', () => {
    const exec = parser.parse(file!.text).Task.Actions.Exec;
    expect(exec.WorkingDirectory).toBe(windowsContext.workspace);
    expect(exec.Command).toBe('cmd.exe');
    expect(exec.Arguments).toBe(
      '/d /s /c ""C:\\Program Files\\nodejs\\node.exe" "C:\\Users\\Jo Smith\\AppData\\Roaming\\npm\\node_modules\\snippet\\dist\\bin\\snippet.js" send --due >> "C:\\Users\\Jo Smith\\OneDrive - NHS\\snippet & co\\.snippet\\schedule.log" 2>&1"',
    );
  });
});

describe('the crontab line', () => {
  const [file] = entry('cron', posixContext);

  it('runs at the machine’s time, with every path quoted for the shell and % escaped for cron', () => {
    const lines = file!.text.trim().split('\n');
    expect(lines[0]).toBe(`# ${crontabMarker(posixContext.workspace)}`);
    expect(lines[1]).toBe(
      "0 10 * * * cd '/srv/pmhn/Jo'\\''s 100\\% newsletter' && '/usr/bin/node' '/usr/lib/node_modules/snippet/dist/bin/snippet.js' send --due >> '/srv/pmhn/Jo'\\''s 100\\% newsletter/.snippet/schedule.log' 2>&1",
    );
  });

  it('is put in place of this workspace’s earlier line, the others kept as they were', () => {
    const others = 'MAILTO=jo@example.org\n# backups\n0 2 * * * /usr/local/bin/backup\n';
    const once = withCrontabEntry(others, crontabMarker(posixContext.workspace), file!.text);
    expect(once).toBe(`${others}${file!.text}`);
    expect(withCrontabEntry(once, crontabMarker(posixContext.workspace), file!.text)).toBe(once);
    const other = entry('cron', { ...posixContext, workspace: '/srv/other' })[0]!.text;
    const both = withCrontabEntry(once, crontabMarker('/srv/other'), other);
    expect(withoutCrontabEntry(both, crontabMarker(posixContext.workspace))).toBe(`${others}${other}`);
    expect(withCrontabEntry('0 2 * * * backup', crontabMarker('/x'), 'A\nB\n')).toBe('0 2 * * * backup\nA\nB\n');
  });
});

describe('the systemd units', () => {
  it('quote the command and double % (a specifier to systemd)', () => {
    const [service, timer] = entry('systemd', posixContext);
    expect(service!.text).toContain(`ExecStart="/usr/bin/node" "/usr/lib/node_modules/snippet/dist/bin/snippet.js" send --due`);
    expect(service!.text).toContain("WorkingDirectory=/srv/pmhn/Jo's 100%% newsletter\n");
    expect(timer!.text).toContain('OnCalendar=*-*-* 09:00:00 Europe/London\n');
    expect(timer!.text).toContain('Persistent=true\n');
  });
});

interface Workflow {
  on: { schedule: unknown; workflow_dispatch?: unknown };
  concurrency: unknown;
  jobs: {
    send: {
      defaults: { run: Record<string, string> };
      env: Record<string, string>;
      steps: Array<{ name?: string; if?: string }>;
    };
  };
}

describe('the GitHub workflow', () => {
  it('runs hourly at a quiet minute and by hand, one run at a time, in the workspace’s folder', () => {
    const [file] = entry('github', { ...posixContext, workdir: 'newsletter/Jo "pmhn"' });
    expect(file!.name).toBe('.github/workflows/snippet.yml');
    const workflow = parseYaml(file!.text) as Workflow;
    const minute = quietMinute(posixContext.workspace);
    expect(workflow.on.schedule).toEqual([{ cron: `${minute} * * * *` }]);
    expect(minute % 5).not.toBe(0);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.concurrency).toEqual({ group: 'snippet-send', 'cancel-in-progress': false });
    expect(workflow.jobs.send.defaults.run['working-directory']).toBe('newsletter/Jo "pmhn"');
    expect(workflow.jobs.send.env.SNIPPET_SMTP_PASS).toBe('${{ secrets.SNIPPET_SMTP_PASS }}');
    const commit = workflow.jobs.send.steps.find((s) => s.name === 'Commit the delivery state back');
    expect(commit?.if).toBe('always()');
  });

  it('marks the append-only files merge=union, under the workspace’s folder', () => {
    expect(unionMergeLines('news letter')).toEqual([
      'news[[:space:]]letter/.snippet/ledger/*.jsonl merge=union',
      'news[[:space:]]letter/.snippet/mailbox/*.jsonl merge=union',
      'news[[:space:]]letter/contacts/suppressions.csv merge=union',
      'news[[:space:]]letter/contacts/bounces.csv merge=union',
    ]);
    expect(unionMergeLines('.')[0]).toBe('.snippet/ledger/*.jsonl merge=union');
  });
});

describe('--at on the machine’s clock', () => {
  it('is the network’s time seen from the machine’s zone, on the day of the run', () => {
    expect(machineClockTime('09:00', 'Europe/London', 'UTC', new Date('2026-12-07T12:00Z'))).toBe('09:00');
    expect(machineClockTime('09:00', 'Europe/London', 'UTC', new Date('2026-07-07T12:00Z'))).toBe('08:00');
    expect(machineClockTime('09:00', 'Europe/London', 'America/New_York', new Date('2026-12-07T12:00Z'))).toBe('04:00');
    expect(machineClockTime('00:30', 'Europe/London', 'Europe/Berlin', new Date('2026-12-07T12:00Z'))).toBe('01:30');
  });
});
