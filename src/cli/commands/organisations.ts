import { InvalidArgumentError, type Command } from 'commander';
import type { Period } from '../../config/config.js';
import { parsePeriodText } from '../../time/period-text.js';
import type { CliContext } from '../context.js';

export function registerOrganisations(program: Command, cli: CliContext): void {
  const organisations = program.command('organisations').description('the member organisations and their directory profiles');
  organisations
    .command('review')
    .description('the directory profiles due for checking with their organisations (never checked, or not for 12 months), with their contacts')
    .option('--csv', 'print them as CSV, for a mail merge')
    .option('--older-than <period>', 'due when last checked longer ago than this, e.g. 6 months, 1 year (default 12 months)', periodOption)
    .action(async (options: { csv?: boolean; olderThan?: Period }, command: Command) => {
      const { organisationsReviewCommand } = await import('../../actions/organisations-review-command.js');
      await organisationsReviewCommand(
        { dir: cli.dir(command), csv: options.csv === true, olderThan: options.olderThan ?? { count: 12, unit: 'month' }, now: new Date() },
        cli.output(),
      );
    });
}

function periodOption(value: string): Period {
  const period = parsePeriodText(value);
  if (period === undefined) throw new InvalidArgumentError('must be a period such as 12 months, 1 year, 6 weeks or 90 days');
  return period;
}
