import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { isIsoDate } from '../../time/zoned-time.js';
import type { CliContext } from '../context.js';

interface MailboxFlags {
  dryRun?: boolean;
  since?: string;
  json?: boolean;
}

export function registerMailbox(program: Command, cli: CliContext): void {
  program
    .command('mailbox')
    .description('read the sender’s mailbox: bounces after delivery, complaints and unsubscribe replies suppress; auto-replies change nothing')
    .argument('[path]', 'a folder of saved .eml files or an mbox file, instead of the IMAP mailbox of mailbox.url')
    .option('--dry-run', 'list what would happen and change nothing')
    .option('--since <date>', 'only messages from this day on, YYYY-MM-DD', sinceOption)
    .option('--json', 'print a JSON array of {source, kind, recipient, status, issue}')
    .action(async (path: string | undefined, flags: MailboxFlags, command: Command) => {
      // A long mailbox makes a Buffer and a string per message: keep the heap near what is live, as a send does.
      (await import('../favour-memory.js')).favourMemoryOverSpeed();
      const { mailboxCommand } = await import('../../actions/mailbox-command.js');
      const { readSmtpEnvironment } = await import('../../actions/read-smtp-environment.js');
      const { readImapEnvironment } = await import('../read-imap-environment.js');
      const { entryLine, summaryLines } = await import('../mailbox-report.js');
      const out = cli.output();
      const dryRun = flags.dryRun === true;
      const json = flags.json === true;
      const result = await mailboxCommand({
        dir: cli.dir(command),
        path: path === undefined ? undefined : resolve(path),
        pathLabel: path,
        dryRun,
        since: flags.since,
        now: new Date(),
        unsubscribeSecret: cli.unsubscribeSecret,
        imap: readImapEnvironment(cli.env),
        smtp: readSmtpEnvironment(cli.env),
        onEntry: json ? undefined : (entry) => out.info(entryLine(entry, dryRun)),
      });
      if (json) {
        const rows = result.entries.map(({ source, kind, recipient, status, issue }) => ({ source, kind, recipient, status, issue }));
        out.info(JSON.stringify(rows, null, 2));
        return;
      }
      for (const line of summaryLines(result, { dryRun, processedFolder: result.processedFolder })) out.info(line);
    });
}

function sinceOption(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01.`);
  return value;
}
