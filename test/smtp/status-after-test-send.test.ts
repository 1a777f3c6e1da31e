import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../src/actions/send-command.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('snippet status after only a test send (regression: "nothing has been sent from this workspace yet", exit 1)', () => {
  it('says no issue has gone to the list yet and shows the test sends', async () => {
    const ws = await sendWorkspace({ members: 3 });
    const server = await startSmtpServer();
    cleanups.push(ws.remove, server.close);
    const sent = await sendCommand(
      sendOptions(ws.dir, server.url, { testTo: ['editor@example.org'], yes: false, render: renderInProcess }),
      sendPrinter(collectOutput()),
    );
    expect(sent.exitCode).toBe(0);

    const out = collectOutput();
    const status = await statusCommand({ dir: ws.dir, issue: undefined, json: false }, out);
    expect(status).toMatchObject({ issue: undefined, tests: [{ issue: '2026-12', email: 'editor@example.org', state: 'delivered' }] });
    expect(out.lines[0]).toBe('No issue has gone to the list yet.');
    expect(out.lines[1]).toMatch(/^ {2}test send: 2026-12 to editor@example\.org: delivered at \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? Europe\/London$/u);
    expect(out.text()).toMatch(/snippet send ISSUE --dry-run/u);

    const json = collectOutput();
    await statusCommand({ dir: ws.dir, issue: undefined, json: true }, json);
    expect(JSON.parse(json.text())).toMatchObject({ issue: null, tests: [{ issue: '2026-12', email: 'editor@example.org', state: 'delivered' }] });
  });

  it('still says nothing has been sent when not even a test went out', async () => {
    const ws = await sendWorkspace({ members: 3 });
    cleanups.push(ws.remove);
    await expect(statusCommand({ dir: ws.dir, issue: undefined, json: false }, collectOutput())).rejects.toThrow(
      /nothing has been sent from this workspace yet/u,
    );
  });
});
