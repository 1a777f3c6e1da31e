import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseRateLimit, type RateLimit } from '../../config/rate-limit.js';
import { usageError } from '../../errors.js';
import { boundedIntegerOption, issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';
import { onInterrupt } from '../interrupt.js';
import { logOutput } from '../log-output.js';
import { dateTimeProblem } from '../../time/zoned-time.js';

interface SendFlags {
  dryRun?: boolean;
  testTo: string[];
  outbox?: string;
  yes?: boolean;
  early?: boolean;
  rate: RateLimit[];
  connections?: number;
  resendInDoubt?: boolean;
  resendFailed?: boolean;
  safetyStop: boolean;
  due?: boolean;
  now?: string;
  includeStale?: boolean;
  json?: boolean;
}

export function registerSend(program: Command, cli: CliContext): void {
  program
    .command('send')
    .description('send one issue: to the list (approved issues only), or as a test')
    .argument('[issue]', 'the issue month, YYYY-MM', issueArgument)
    .option('--dry-run', 'print the delivery plan and send nothing')
    .option('--test-to <email>', 'send only to this address, subject prefixed [TEST] (repeatable)', collect, [])
    .option('--outbox <dir>', 'write one .eml per recipient into DIR (relative to the current folder, not --dir) instead of using SMTP')
    .option('--yes', 'do not ask for confirmation (needed without a terminal, e.g. from cron)')
    .option('--early', "send to the list before the issue's send_at (without a terminal; on one, the question asks)")
    .option('--rate <limit>', 'sending limit for this run, COUNT/second|minute|hour|day (repeatable)', rateOption, [])
    .option('--connections <n>', 'SMTP connections for this run, 1 to 20 (as sending.connections)', boundedIntegerOption(1, 20))
    .option('--resend-in-doubt', 'also send to recipients whose earlier delivery is in doubt')
    .option('--resend-failed', 'send again to the failed recipients (never the delivered or in doubt); lifts suppressions a run the server refused alike wrote')
    .option('--no-safety-stop', 'go on when most of the first recipients are refused with the same code (they really are dead)')
    .option('--due', 'for cron: send or resume the approved issue whose send_at has passed (no ISSUE)')
    .option('--now <datetime>', 'with --due: pretend it is this time, YYYY-MM-DDTHH:MM (workspace time) or with an offset such as Z', nowOption)
    .option('--include-stale', 'with --due: also send an issue more than sending.stale_after (default 7 days) past its send_at')
    .option('--json', 'with --due: print a JSON summary on stdout (the log goes to stderr)')
    .action(async (issue: string | undefined, flags: SendFlags, command: Command) => {
      checkDueFlags(issue, flags);
      // A send runs for minutes with every recipient in memory: its peak, not its GC time, is what matters.
      (await import('../favour-memory.js')).favourMemoryOverSpeed();
      const interrupt = onInterrupt('Stopping after the messages in flight (Ctrl-C again to quit at once)…');
      try {
        const terminal = cli.output();
        // Loaded here, not at start-up: commands other than send never load the SMTP side.
        const { readSmtpEnvironment } = await import('../../actions/read-smtp-environment.js');
        const { sendPrinter, sendQuestionLine } = await import('../send-printer.js');
        const output = logOutput(terminal, { json: flags.json === true });
        const common = {
          dir: cli.dir(command),
          dryRun: flags.dryRun === true,
          // As every path typed on the command line: against the folder it was typed in, not --dir.
          outbox: flags.outbox === undefined ? undefined : resolve(flags.outbox),
          rates: flags.rate.length > 0 ? flags.rate : undefined,
          connections: flags.connections,
          resendInDoubt: flags.resendInDoubt === true,
          safetyStop: flags.safetyStop,
          smtp: readSmtpEnvironment(cli.env),
          unsubscribeSecret: cli.unsubscribeSecret,
          signal: interrupt.signal,
        };
        if (flags.due) {
          const { sendDueCommand } = await import('../../actions/send-due-command.js');
          const { readImapEnvironment } = await import('../read-imap-environment.js');
          const outcome = await sendDueCommand(
            { ...common, now: flags.now, includeStale: flags.includeStale === true, imap: readImapEnvironment(cli.env) },
            sendPrinter(output),
          );
          if (flags.json) terminal.info(JSON.stringify(outcome, null, 2));
          cli.setExitCode(outcome.exitCode);
          return;
        }
        const { startSend } = await import('../../actions/start-send.js');
        const result = await startSend(
          {
            ...common,
            issue: issue!,
            testTo: flags.testTo,
            yes: flags.yes === true,
            early: flags.early === true,
            resendFailed: flags.resendFailed === true,
            confirm: terminal.interactive ? (question) => confirm(sendQuestionLine(question)) : undefined,
          },
          sendPrinter(output),
        );
        cli.setExitCode(result.exitCode);
      } finally {
        interrupt.dispose();
      }
    });
}

/** Which flags go with an issue and which with --due: a wrong mix is a usage error (exit 2). */
function checkDueFlags(issue: string | undefined, flags: SendFlags): void {
  if (flags.due) {
    if (issue)
      throw usageError(`--due chooses the issue itself; leave out ${issue}`, 'Use `snippet send --due` from cron, or `snippet send ISSUE` for one issue.');
    if (flags.testTo.length > 0) throw usageError('--test-to cannot be used with --due', 'Send a test with `snippet send ISSUE --test-to ADDRESS`.');
    if (flags.resendFailed) throw usageError('--resend-failed goes with one issue, not --due', 'e.g. snippet send 2026-12 --resend-failed');
    return;
  }
  for (const [flag, given] of [
    ['--now', flags.now !== undefined],
    ['--include-stale', flags.includeStale],
    ['--json', flags.json],
  ] as const) {
    if (given) throw usageError(`${flag} goes with --due`, 'e.g. snippet send --due --dry-run --now 2027-03-01T09:00');
  }
  if (!issue) throw usageError('which issue? e.g. snippet send 2026-12', 'Name the issue month, YYYY-MM, or use --due to send the one whose time has come.');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // Ctrl+D (end of input) rejects the question: that is a no, not a bug.
    const answer = await rl.question(question).catch(() => '');
    return /^y(es)?$/iu.test(answer.trim());
  } finally {
    rl.close();
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function nowOption(value: string): string {
  // The time zone is the workspace's, known only once its config is read; the form is checked here.
  const problem = dateTimeProblem(value);
  if (problem !== undefined)
    throw new InvalidArgumentError(`"${value}": ${problem}; write YYYY-MM-DDTHH:MM, e.g. 2027-03-01T09:00 (workspace time) or 2027-03-01T09:00Z.`);
  return value;
}

function rateOption(value: string, previous: RateLimit[]): RateLimit[] {
  const limit = parseRateLimit(value);
  if (!limit) throw new InvalidArgumentError(`"${value}" is not a limit; write COUNT/second, /minute, /hour or /day, e.g. 30/minute.`);
  return [...previous, limit];
}
