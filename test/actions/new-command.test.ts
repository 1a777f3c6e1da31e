import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { newCommand } from '../../src/actions/new-command.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { runAction } from '../support/run-action.js';
import { STACK, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const env = { NO_COLOR: '1' };

/** `snippet new [ISSUE]` or `snippet check ISSUE` in the workspace, in this process, as the CLI hands them to the actions. */
function snippet([command, issue]: string[], _options: { cwd: string; env: object }) {
  const dir = ws.dir;
  const id = issue;
  if (command === 'check')
    return runAction(
      (out) => checkCommand({ dir, issue: id, now: new Date() }, out),
      (result) => (result.errors > 0 ? 1 : 0),
    );
  return runAction((out) => newCommand({ dir, issue: id, now: new Date() }, out));
}

async function readIssue(id: string) {
  const text = await ws.read(`issues/${id}.md`);
  const parsed = parseIssue(text, `issues/${id}.md`, id);
  expect(parsed.problems).toEqual([]);
  return { text, issue: parsed.issue! };
}

describe('snippet new', () => {
  it('starts January after December across the year boundary, then February across a month boundary', async () => {
    const january = await snippet(['new'], { cwd: ws.dir, env });
    expect(january.stderr).toBe('');
    expect(january.code).toBe(0);
    expect(january.stdout).toMatch(/^Wrote issues\/2027-01\.md/u);
    expect(january.stdout).toContain('spotlight  Addaction (never featured before)');
    expect(january.stdout).toMatch(/Spotlight profile[^\n]*\n {2}Addaction \(addaction\)\n {2}About: /u);
    expect(january.stdout).toMatch(/Next:\n {2}1\. Write spotlight_note/u);

    const jan = await readIssue('2027-01');
    expect(jan.issue).toMatchObject({
      subject: 'GGC PMHN snippet — January 2027',
      // 1 January 2027 is a Friday and 2 January (a Saturday) moves to Monday 4.
      sendAtText: '2027-01-05T09:00',
      status: 'draft',
      spotlight: 'addaction',
      research: [],
    });
    expect(jan.issue.training.map((t) => [t.title, t.carriedFrom])).toEqual([['Perinatal peer support volunteer training (sample)', '2026-12']]);
    expect(jan.issue.funding.map((f) => [f.title, f.carriedFrom])).toEqual([
      ['Community mental health small grants (sample)', '2026-11'],
      ['Infant mental health partnership fund (sample)', '2026-12'],
      ['Families in crisis hardship fund (sample)', '2026-12'],
    ]);
    expect(jan.issue.funding.at(-1)?.deadline).toBe('rolling');
    expect(jan.text).toContain('# Open all year (rolling): first shared in December 2026.');
    expect(january.stdout).toContain('funding:  Families in crisis hardship fund (sample) (open all year, first shared in December 2026)');
    expect(jan.text).toMatch(/^# spotlight_note: >-$/mu);
    // Booking for the fathers' workshop closed on 18 December, before January's send date.
    expect(january.stdout).toMatch(/not carried, training: Supporting fathers.*booking closed on 2026-12-18/u);
    expect(january.stdout).toContain('meeting    Thursday 11 February 2027, 10:00');

    const check = await snippet(['check', '2027-01'], { cwd: ws.dir, env });
    expect(check.stderr).not.toMatch(/error/u);
    expect(check.code).toBe(0);

    const february = await snippet(['new'], { cwd: ws.dir, env });
    expect(february.code).toBe(0);
    const feb = await readIssue('2027-02');
    expect(feb.issue).toMatchObject({ subject: 'GGC PMHN snippet — February 2027', sendAtText: '2027-02-01T09:00', spotlight: 'amma-birth-companions' });
    expect(feb.issue.training).toEqual([]);
    // The rolling fund goes on, still first shared in December.
    expect(feb.issue.funding.map((f) => [f.title, f.carriedFrom])).toEqual([
      ['Infant mental health partnership fund (sample)', '2026-12'],
      ['Families in crisis hardship fund (sample)', '2026-12'],
    ]);
  });

  it('refuses to overwrite an issue, and leaves it as it was', async () => {
    const before = await ws.read('issues/2026-12.md');
    const result = await snippet(['new', '2026-12'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: issues\/2026-12\.md already exists; snippet new never replaces an issue\n {2}hint: /u);
    expect(await ws.read('issues/2026-12.md')).toBe(before);

    expect((await snippet(['new', '2027-01'], { cwd: ws.dir, env })).code).toBe(0);
    const again = await snippet(['new', '2027-01'], { cwd: ws.dir, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('issues/2027-01.md already exists');
  });

  it.each([
    { id: '2027-03', sendAt: '2027-03-01T09:00', why: 'Monday 1 March, before the clocks go forward (GMT)' },
    { id: '2027-04', sendAt: '2027-04-01T09:00', why: 'Thursday 1 April, after the clocks go forward (BST)' },
    { id: '2027-10', sendAt: '2027-10-01T09:00', why: 'Friday 1 October, before the clocks go back (BST)' },
    { id: '2027-11', sendAt: '2027-11-01T09:00', why: 'Monday 1 November, after the clocks go back (GMT)' },
    { id: '2027-05', sendAt: '2027-05-04T09:00', why: 'the early May bank holiday is Monday 3 May' },
  ])('sends $id at $sendAt: $why', async ({ id, sendAt }) => {
    const result = await snippet(['new', id], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect((await readIssue(id)).issue.sendAtText).toBe(sendAt);
  });

  it('follows a configured send day and time', async () => {
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace('send_day: first-working-day', 'send_day: 3').replace('send_time: "09:00"', 'send_time: "07:30"'));
    expect((await snippet(['new'], { cwd: ws.dir, env })).code).toBe(0);
    expect((await readIssue('2027-01')).issue.sendAtText).toBe('2027-01-03T07:30');
  });

  it('will not start an issue while the config or the organisations have errors', async () => {
    await ws.write('contacts/organisations.yaml', `${await ws.read('contacts/organisations.yaml')}\n  - id: aberlour\n    name: Duplicate\n`);
    const result = await snippet(['new'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^contacts\/organisations\.yaml:\d+: error: duplicate organisation id "aberlour"/mu);
    expect(result.stderr).not.toMatch(STACK);
    expect(existsSync(join(ws.dir, 'issues/2027-01.md'))).toBe(false);
  });

  it('will not carry forward from a previous issue with errors, and names its lines', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace('deadline: 2026-12-10', 'deadline: 10/12/2026'));
    const result = await snippet(['new'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^issues\/2026-12\.md:\d+: error: funding item 1, deadline: must be a date/mu);
    expect(result.stderr).toMatch(/error: issues\/2026-12\.md has errors, so its still-open items cannot be carried forward/u);
    expect(existsSync(join(ws.dir, 'issues/2027-01.md'))).toBe(false);
  });

  it('warns that an older issue with errors is left out of the rotation', async () => {
    await ws.write('issues/2026-11.md', (await ws.read('issues/2026-11.md')).replace('status: approved', 'status: sent'));
    const result = await snippet(['new'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: issues\/2026-11\.md has errors, so its spotlight is not counted in the rotation/mu);
    // Without November's Aberlour, Aberlour is the first never featured.
    expect((await readIssue('2027-01')).issue.spotlight).toBe('aberlour');
  });

  it('starts next month in a workspace with no issues yet', async () => {
    await rm(join(ws.dir, 'issues'), { recursive: true });
    const result = await snippet(['new'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const written = /^Wrote issues\/(\d{4}-\d{2})\.md/u.exec(result.stdout)?.[1];
    expect(written).toBeDefined();
    const { issue } = await readIssue(written!);
    expect(issue.spotlight).toBe('aberlour');
    expect(issue.subject).toMatch(/^GGC PMHN snippet — \w+ \d{4}$/u);
  });
});
