import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { newCommand } from '../../src/actions/new-command.js';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { spotlightCommand } from '../../src/actions/spotlight-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { sendDueOptions } from '../support/send-workspace.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
  await symlink(join(ws.dir, 'drafts', 'january.md'), join(ws.dir, 'issues', '2027-01.md'));
});
afterEach(async () => {
  await ws.remove();
});

/** Each command in this process, as the CLI calls its action and prints its outcome (`--months 100000`: test/e2e). */
const commands: Record<string, () => Promise<ActionRun<unknown>>> = {
  check: () =>
    runAction(
      (out) => checkCommand({ dir: ws.dir, issue: undefined, now: new Date() }, out),
      (result) => (result.errors > 0 ? 1 : 0),
    ),
  new: () => runAction((out) => newCommand({ dir: ws.dir, issue: undefined, now: new Date() }, out)),
  spotlight: () => runAction((out) => spotlightCommand({ dir: ws.dir, months: 12, json: false, now: new Date() }, out)),
  'send --due --dry-run --now 2027-01-05T09:05': () =>
    runAction(
      (out) =>
        sendDueCommand(
          { ...sendDueOptions(ws.dir, '', '2027-01-05T09:05', { smtp: {}, dryRun: true, render: renderInProcess }), unsubscribeSecret: undefined },
          sendPrinter(out),
        ),
      (outcome) => outcome.exitCode,
    ),
};

describe('a dangling symlink at issues/2027-01.md', () => {
  // spotlight goes on without the file (a warning); send --due reaches it once its month's time has passed.
  it.each(Object.keys(commands))('%s names the file and the missing target, not an internal error', async (command) => {
    const result = await commands[command]!();
    expect(result.stderr).not.toMatch(/internal error|Cannot read properties/u);
    expect(result.code).toBe(command === 'spotlight' ? 0 : 1);
    expect(result.stderr).toMatch(
      command === 'spotlight' ? /issues\/2027-01\.md has errors/u : /issues\/2027-01\.md.*a link to .*drafts\/january\.md, which does not exist/u,
    );
    if (command !== 'spotlight') expect(result.stderr).toMatch(/hint: Remove the link or point it at the file/u);
  });
});
