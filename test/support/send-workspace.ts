import { sendDueCommand, type SendDueOptions } from '../../src/actions/send-due-command.js';
import { sendCommand, type SendOptions } from '../../src/actions/send-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { isSnippetError } from '../../src/errors.js';
import type { IssueId } from '../../src/issue/issue.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { collectOutput } from './collect-output.js';
import { runAction } from './run-action.js';
import { sampleWorkspace } from './workspace.js';

export interface SendWorkspaceOptions {
  members: number;
  /** Lines under `sending:` in the config. */
  sending?: string;
  status?: 'draft' | 'approved';
}

/**
 * A copy of the sample workspace with `members` generated members and
 * December's issue approved: the ground for sending tests.
 */
export async function sendWorkspace(options: SendWorkspaceOptions) {
  const ws = await sampleWorkspace();
  const rows = Array.from({ length: options.members }, (_, i) => `member${String(i + 1).padStart(5, '0')}@example.org,Member ${i + 1},aberlour,members`);
  await ws.write('contacts/members.csv', `email,name,organisation,lists\n${rows.join('\n')}\n`);
  await ws.write('contacts/suppressions.csv', 'email,date,reason\n');
  const config = await ws.read('snippet.config.yaml');
  const sending = options.sending ?? 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 5s';
  await ws.write('snippet.config.yaml', config.replace(/^sending:[\s\S]*?(?=^\S|$(?![\s\S]))/mu, `sending:\n  ${sending}\n`));
  const issue = await ws.read('issues/2026-12.md');
  await ws.write('issues/2026-12.md', issue.replace(/^status: .*$/mu, `status: ${options.status ?? 'approved'}`));
  const addresses = rows.map((row) => row.split(',')[0]!);
  return { ...ws, addresses };
}

export const TEST_UNSUBSCRIBE_SECRET = 'unsubscribe-secret-for-tests-0123456789';

/**
 * The options of `snippet send ISSUE --yes` against a test server, for in-process tests. The issue is rendered in
 * this process (MJML loaded once for the test file), not in the render child the CLI's send starts: each child
 * loads MJML anew, seconds a send on a busy two-core machine, and these tests are about what comes after
 * rendering. `render: undefined` renders in the child, as test/integration/send-command.test.ts's first test does;
 * test/integration/render-in-child.test.ts tests the child itself.
 */
export function sendOptions(dir: string, smtpUrl: string, overrides: Partial<SendOptions> = {}): SendOptions {
  return {
    dir,
    issue: '2026-12',
    dryRun: false,
    testTo: [],
    outbox: undefined,
    yes: true,
    // Whatever today's date: the sample issue's send_at is fixed.
    early: true,
    rates: undefined,
    connections: undefined,
    resendInDoubt: false,
    smtp: { SNIPPET_SMTP_URL: smtpUrl },
    unsubscribeSecret: TEST_UNSUBSCRIBE_SECRET,
    confirm: undefined,
    smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
    render: renderInProcess,
    ...overrides,
  };
}

/** The options of `snippet send --due --now NOW` (cron) against a test server, for in-process tests, rendered as sendOptions() renders. */
export function sendDueOptions(dir: string, smtpUrl: string, now: string, overrides: Partial<SendDueOptions> = {}): SendDueOptions {
  return {
    dir,
    now,
    includeStale: false,
    dryRun: false,
    outbox: undefined,
    rates: undefined,
    connections: undefined,
    resendInDoubt: false,
    smtp: { SNIPPET_SMTP_URL: smtpUrl },
    unsubscribeSecret: TEST_UNSUBSCRIBE_SECRET,
    smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
    render: renderInProcess,
    ...overrides,
  };
}

/**
 * `send` in this process, worded as the CLI words it: the outcome with what was printed, or, for a send that stops
 * with a SnippetError (a user's problem, exit 1), that error with what was printed before it. Anything else throws.
 */
export async function sendInProcess(options: SendOptions) {
  const out = collectOutput();
  try {
    const result = await sendCommand(options, sendPrinter(out));
    return { ...result, error: undefined, output: out.text(), lines: out.lines };
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    return { exitCode: undefined, error, output: out.text(), lines: out.lines };
  }
}

/**
 * `send` in this process with its lines split as the CLI prints them (stdout, stderr) and the exit code the CLI
 * would end with: the outcome's, or its SnippetError's (run-action.ts). Anything else throws.
 */
export function sendAction(options: SendOptions) {
  return runAction(
    (out) => sendCommand(options, sendPrinter(out)),
    (outcome) => outcome.exitCode,
  );
}

/** `send --due` in this process, as sendAction() runs `send ISSUE`. */
export function sendDueAction(options: SendDueOptions) {
  return runAction(
    (out) => sendDueCommand(options, sendPrinter(out)),
    (outcome) => outcome.exitCode,
  );
}

/** `snippet status [ISSUE] --json` in this process: what it prints, and its exit code. */
export function statusAction(dir: string, issue?: IssueId, json = true) {
  return runAction((out) => statusCommand({ dir, issue, json }, out));
}
