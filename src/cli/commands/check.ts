import type { Command } from 'commander';
import { issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export function registerCheck(program: Command, cli: CliContext): void {
  program
    .command('check')
    .description('validate the issue, organisations, contacts, config and templates; print every problem with file and line')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the latest)', issueArgument)
    .action(async (issue: string | undefined, _options: unknown, command: Command) => {
      const { checkCommand } = await import('../../actions/check-command.js');
      const result = await checkCommand({ dir: cli.dir(command), issue, now: new Date() }, cli.output());
      cli.setExitCode(result.errors > 0 ? EXIT.problem : EXIT.ok);
    });
}
