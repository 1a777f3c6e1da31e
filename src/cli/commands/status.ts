import type { Command } from 'commander';
import { issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerStatus(program: Command, cli: CliContext): void {
  program
    .command('status')
    .description('what was delivered, deferred, failed and in doubt (from the delivery ledger)')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the latest sent)', issueArgument)
    .option('--json', 'machine-readable output')
    .action(async (issue: string | undefined, flags: { json?: boolean }, command: Command) => {
      const { statusCommand } = await import('../../actions/status-command.js');
      await statusCommand({ dir: cli.dir(command), issue, json: flags.json === true }, cli.output());
    });
}
