import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { runAction } from '../support/run-action.js';
import { sendDueOptions } from '../support/send-workspace.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
  await symlink('/nonexistent', join(ws.dir, 'issues', '2027-01.md'));
});
afterEach(async () => {
  await ws.remove();
});

/** `snippet check` and `snippet send --due --dry-run` in this process, printed as the CLI prints them. */
describe('one unreadable issue file hides every other problem', () => {
  it('check reports the link and the mistyped time zone together', async () => {
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^time_zone: .*$/mu, 'time_zone: Europe/Glasgo'));
    const result = await runAction(
      (out) => checkCommand({ dir: ws.dir, issue: undefined, now: new Date() }, out),
      (outcome) => (outcome.errors > 0 ? 1 : 0),
    );
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/issues\/2027-01\.md.*a link to \/nonexistent, which does not exist/u);
    expect(result.stderr + result.stdout).toMatch(/snippet\.config\.yaml:\d+: error: time_zone/u);
  });

  it('send --due still plans the approved issue that is due', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^status: .*$/mu, 'status: approved'));
    const result = await runAction(
      (out) =>
        sendDueCommand(
          { ...sendDueOptions(ws.dir, '', '2026-12-01T09:05', { smtp: {}, dryRun: true, render: renderInProcess }), unsubscribeSecret: undefined },
          sendPrinter(out),
        ),
      (outcome) => outcome.exitCode,
    );
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stdout + result.stderr).toMatch(/2026-12/u);
    expect(result.code).toBe(0);
  });
});
