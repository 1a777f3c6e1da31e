import type { Command } from 'commander';
import { issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerNew(program: Command, cli: CliContext): void {
  program
    .command('new')
    .description('start an issue: the next spotlight, the send time and still-open items carried forward; never replaces a file')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the month after the latest)', issueArgument)
    .action(async (issue: string | undefined, _options: unknown, command: Command) => {
      const { newCommand } = await import('../../actions/new-command.js');
      await newCommand({ dir: cli.dir(command), issue, now: new Date() }, cli.output());
    });
}
