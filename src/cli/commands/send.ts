import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseRateLimit, type RateLimit } from '../../config/rate-limit.js';
import type { SmtpEnvironment } from '../../delivery/smtp-settings.js';
import { SnippetError, usageError } from '../../errors.js';
import { integerOption, issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';
import { registerSecret } from '../redact.js';
import { onInterrupt } from '../interrupt.js';

interface SendFlags {
  dryRun?: boolean;
  testTo: string[];
  outbox?: string;
  yes?: boolean;
  rate: RateLimit[];
  connections?: number;
  resendInDoubt?: boolean;
}

export function registerSend(program: Command, cli: CliContext): void {
  program
    .command('send')
    .description('send one issue: to the list (approved issues only), or as a test')
    .argument('[issue]', 'the issue month, YYYY-MM', issueArgument)
    .option('--dry-run', 'print the delivery plan and send nothing')
    .option('--test-to <email>', 'send only to this address, subject prefixed [TEST] (repeatable)', collect, [])
    .option('--outbox <dir>', 'write one .eml per recipient into DIR instead of using SMTP')
    .option('--yes', 'do not ask for confirmation (needed without a terminal, e.g. from cron)')
    .option('--rate <limit>', 'sending limit for this run, COUNT/second|minute|hour|day (repeatable)', rateOption, [])
    .option('--connections <n>', 'SMTP connections for this run', integerOption(1))
    .option('--resend-in-doubt', 'also send to recipients whose earlier delivery is in doubt')
    .action(async (issue: string | undefined, flags: SendFlags, command: Command) => {
      if (!issue) throw usageError('which issue? e.g. snippet send 2026-12', 'Name the issue month, YYYY-MM.');
      const { sendCommand } = await import('../../commands/send-command.js');
      const interrupt = onInterrupt();
      try {
        const output = cli.output();
        const result = await sendCommand(
          {
            dir: cli.dir(command),
            issue,
            dryRun: flags.dryRun === true,
            testTo: flags.testTo,
            outbox: flags.outbox,
            yes: flags.yes === true,
            rates: flags.rate.length > 0 ? flags.rate : undefined,
            connections: flags.connections,
            resendInDoubt: flags.resendInDoubt === true,
            smtp: smtpEnvironment(cli.env),
            unsubscribeSecret: cli.env.SNIPPET_UNSUBSCRIBE_SECRET || undefined,
            confirm: output.interactive ? confirm : undefined,
            signal: interrupt.signal,
          },
          output,
        );
        cli.setExitCode(result.exitCode);
      } finally {
        interrupt.dispose();
      }
    });
}

/** SMTP settings from the environment; the password file is read here, at the edge. */
export function smtpEnvironment(env: NodeJS.ProcessEnv): SmtpEnvironment {
  let passFromFile: string | undefined;
  if (env.SNIPPET_SMTP_PASS_FILE) {
    try {
      passFromFile = readFileSync(env.SNIPPET_SMTP_PASS_FILE, 'utf8');
    } catch (error) {
      throw new SnippetError(`cannot read SNIPPET_SMTP_PASS_FILE (${env.SNIPPET_SMTP_PASS_FILE}): ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    registerSecret(passFromFile.replace(/\r?\n$/u, ''));
  }
  return {
    SNIPPET_SMTP_URL: env.SNIPPET_SMTP_URL,
    SNIPPET_SMTP_HOST: env.SNIPPET_SMTP_HOST,
    SNIPPET_SMTP_PORT: env.SNIPPET_SMTP_PORT,
    SNIPPET_SMTP_USER: env.SNIPPET_SMTP_USER,
    SNIPPET_SMTP_PASS: env.SNIPPET_SMTP_PASS,
    passFromFile,
  };
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/iu.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function rateOption(value: string, previous: RateLimit[]): RateLimit[] {
  const limit = parseRateLimit(value);
  if (!limit) throw new InvalidArgumentError(`"${value}" is not a limit; write COUNT/second, /minute, /hour or /day, e.g. 30/minute.`);
  return [...previous, limit];
}
