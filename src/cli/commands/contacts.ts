import { resolve } from 'node:path';
import type { Command } from 'commander';
import { listOption } from '../arguments.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export function registerContacts(program: Command, cli: CliContext): void {
  const contacts = program.command('contacts').description('mailing list upkeep: check, import, unsubscribe, resubscribe, list');

  contacts
    .command('check')
    .description('totals (members, per organisation, per list, suppressed) and every problem of the mailing list')
    .option('--json', 'print the totals and problems as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { contactsCheckCommand } = await import('../../actions/contacts-check-command.js');
      const summary = await contactsCheckCommand({ dir: cli.dir(command), json: options.json === true }, cli.output());
      cli.setExitCode(summary.errors > 0 ? EXIT.problem : EXIT.ok);
    });

  contacts
    .command('import')
    .description('merge an exported CSV (Outlook, Google, a sign-up form) into contacts/members.csv')
    .argument('<file>', 'the CSV file to import')
    .option('--list <name>', 'add every imported member to this list', listOption)
    .option('--dry-run', 'report what would change and write nothing')
    .action(async (file: string, options: { list?: string; dryRun?: boolean }, command: Command) => {
      const { contactsImportCommand } = await import('../../actions/contacts-import-command.js');
      await contactsImportCommand(
        { dir: cli.dir(command), file: resolve(file), label: file, list: options.list, dryRun: options.dryRun === true },
        cli.output(),
      );
    });

  contacts
    .command('unsubscribe')
    .description('add an address to contacts/suppressions.csv so it is never mailed again')
    .argument('<email>', 'the address')
    .option('--reason <text>', 'why, kept short', 'unsubscribed')
    .option('--force', 'suppress the address as typed even when it is close to a listed one')
    .action(async (email: string, options: { reason: string; force?: boolean }, command: Command) => {
      const { contactsUnsubscribeCommand } = await import('../../actions/contacts-unsubscribe-command.js');
      await contactsUnsubscribeCommand({ dir: cli.dir(command), email, reason: options.reason, now: new Date(), force: options.force === true }, cli.output());
    });

  contacts
    .command('resubscribe')
    .description('lift a suppression, keeping a dated record of who did it and why in contacts/resubscriptions.csv')
    .argument('<email>', 'the address')
    .requiredOption('--reason <text>', 'why, e.g. "signed up again on the form"')
    .option('--by <name>', 'who lifts it (default: your user name)')
    .action(async (email: string, options: { reason: string; by?: string }, command: Command) => {
      const { contactsResubscribeCommand } = await import('../../actions/contacts-resubscribe-command.js');
      const { currentUserName } = await import('../../fs/current-user-name.js');
      await contactsResubscribeCommand(
        { dir: cli.dir(command), email, reason: options.reason, by: options.by ?? currentUserName(), now: new Date() },
        cli.output(),
      );
    });

  contacts
    .command('list')
    .description('the members who get the snippet, as CSV (suppressed addresses left out)')
    .option('--list <name>', 'only members of this list', listOption)
    .action(async (options: { list?: string }, command: Command) => {
      const { contactsListCommand } = await import('../../actions/contacts-list-command.js');
      await contactsListCommand({ dir: cli.dir(command), list: options.list }, cli.output());
    });
}
