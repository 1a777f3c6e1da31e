import { resolve } from 'node:path';
import type { Command } from 'commander';
import { issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerSubmissions(program: Command, cli: CliContext): void {
  const submissions = program.command('submissions').description("members' contributions from a form: import the responses into the draft");

  submissions
    .command('import')
    .description('add the responses of a form export (Microsoft Forms .xlsx, any CSV) to the draft, checked like typed items, never twice')
    .argument('<file>', 'the downloaded responses: .xlsx or .csv')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the next issue to be sent that is still a draft)', issueArgument)
    .option('--dry-run', 'report what would be added and write nothing')
    .action(async (file: string, issue: string | undefined, options: { dryRun?: boolean }, command: Command) => {
      const { submissionsImportCommand } = await import('../../actions/submissions-import-command.js');
      await submissionsImportCommand({ dir: cli.dir(command), file: resolve(file), label: file, issue, dryRun: options.dryRun === true }, cli.output());
    });
}
