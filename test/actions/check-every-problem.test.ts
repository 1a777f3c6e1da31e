import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { runAction } from '../support/run-action.js';
import { sendDueOptions } from '../support/send-workspace.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet check ISSUE` in the workspace, in this process: exit 1 when it found errors. */
const snippet = ([, issue]: string[], _options: object) =>
  runAction(
    (out) => checkCommand({ dir: ws.dir, issue, now: new Date() }, out),
    (result) => (result.errors > 0 ? 1 : 0),
  );

const errorLines = (stderr: string, file: string): string[] => stderr.split('\n').filter((line) => line.startsWith(`${file}:`) && line.includes(': error: '));

describe('snippet check: every problem in one run', () => {
  it('shows four mistakes at once, the passed funding deadline among them', async () => {
    const issue = await ws.read('issues/2026-12.md');
    const broken = issue
      .replace('spotlight: 3d-drumchapel', 'spotlight: Addaction')
      .replace('    url: https://example.org/sample/research/fathers-perinatal-mental-health\n', '')
      .replace('    date: 2026-12-09\n', '    date: 9 Dec 2026\n')
      .replace('    deadline: 2026-12-10', '    deadline: 2026-11-10');
    expect(broken).not.toBe(issue);
    await ws.write('issues/2026-12.md', broken);
    const result = await snippet(['check', '2026-12'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    const errors = errorLines(result.stderr, 'issues/2026-12.md');
    expect(errors).toEqual([
      expect.stringMatching(/^issues\/2026-12\.md:12: error: spotlight: .*"Addaction"/u),
      expect.stringMatching(/^issues\/2026-12\.md:19: error: research item 1, url: is required/u),
      expect.stringMatching(/^issues\/2026-12\.md:45: error: training item 1, date: must be a date/u),
      expect.stringMatching(/^issues\/2026-12\.md:78: error: funding item 1, deadline: 2026-11-10 is before the send date 2026-12-01/u),
    ]);
    expect(result.stderr).toMatch(/did you mean "addaction"\?/iu);
    expect(result.stderr).toMatch(/2026-12: 4 errors/u);
  });

  it('reports a misaligned space in one issue as one problem, and a members.csv problem with it', async () => {
    const issue = await ws.read('issues/2026-12.md');
    await ws.write(
      'issues/2026-12.md',
      issue.replace('    source: Sample Journal of Family Health (sample)', '   source: Sample Journal of Family Health (sample)'),
    );
    const members = await ws.read('contacts/members.csv');
    await ws.write('contacts/members.csv', `${members.trimEnd()}\nnot-an-email,Bob,,members\n`);
    const result = await snippet(['check', '2026-12'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr, 'issues/2026-12.md')).toEqual([expect.stringMatching(/^issues\/2026-12\.md:21: error: .*indented 3 spaces/u)]);
    expect(errorLines(result.stderr, 'contacts/members.csv')).toEqual([expect.stringMatching(/not-an-email/u)]);
    expect(result.stderr).not.toMatch(/Nested mappings|compact mappings|Implicit keys/u);
  });

  it('asks for quotes around a research title containing ": ", in plain words', async () => {
    const issue = await ws.read('issues/2026-12.md');
    await ws.write(
      'issues/2026-12.md',
      issue.replace(
        '  - title: "Sample research item: peer support alongside specialist perinatal care"',
        '  - title: Sample research item: peer support alongside specialist perinatal care',
      ),
    );
    const result = await snippet(['check', '2026-12'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr, 'issues/2026-12.md')).toEqual(['issues/2026-12.md:28: error: put this title in quotes: it contains ": "']);
    expect(result.stderr).toContain('title: "Sample research item: peer support alongside specialist perinatal care"');
    expect(result.stderr).not.toMatch(/Nested mappings/u);
  });
});

describe('a config with a mistake', () => {
  it("still lets check report the issue's passed funding deadline in the same run", async () => {
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace('time_zone: Europe/London', 'time_zone: Europe/London\ncolour: blue'));
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace('    deadline: 2026-12-10', '    deadline: 2026-11-10'));
    const result = await snippet(['check', '2026-12'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr, 'snippet.config.yaml')).toEqual([expect.stringMatching(/unknown field "colour"/u)]);
    expect(errorLines(result.stderr, 'issues/2026-12.md')).toEqual([
      expect.stringMatching(/funding item 1, deadline: 2026-11-10 is before the send date 2026-12-01/u),
    ]);
  });
});

describe('impossible time offsets', () => {
  it('send_at: 2027-01-05T09:00+25:00 is an error at its line, and send --due will not call it due', async () => {
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace('send_at: 2026-12-01T09:00', 'send_at: 2026-12-01T09:00+25:00'));
    const check = await snippet(['check', '2026-12'], {});
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^issues\/2026-12\.md:7: error: send_at: .*\+25:00.*-14:00 to \+14:00/mu);
    // `snippet send --due --dry-run --now 2026-12-02T09:00`, no SMTP settings, no unsubscribe secret.
    const options = sendDueOptions(ws.dir, '', '2026-12-02T09:00', { smtp: {}, unsubscribeSecret: undefined, dryRun: true, render: renderInProcess });
    const due = await runAction(
      (out) => sendDueCommand(options, sendPrinter(out)),
      (outcome) => outcome.exitCode,
    );
    expect(due.stdout + due.stderr).not.toMatch(/due since/u);
    expect(due.code).toBe(1);
  });
});
