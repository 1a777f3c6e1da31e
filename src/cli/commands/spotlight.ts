import type { Command } from 'commander';
import { integerOption } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerSpotlight(program: Command, cli: CliContext): void {
  program
    .command('spotlight')
    .description('the spotlight rotation: who was featured when, who is next, who has never been featured')
    // Ten years ahead is already more than the rotation can say; beyond that the run only gets slow.
    .option('--months <n>', 'how many upcoming months to show (at most 120)', integerOption(1, 120), 12)
    .option('--json', 'print it as JSON')
    .action(async (options: { months: number; json?: boolean }, command: Command) => {
      const { spotlightCommand } = await import('../../actions/spotlight-command.js');
      await spotlightCommand({ dir: cli.dir(command), months: options.months, json: options.json === true, now: new Date() }, cli.output());
    });
}
