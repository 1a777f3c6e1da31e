import { resolve } from 'node:path';
import type { Command } from 'commander';
import { issueArgument } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerBuild(program: Command, cli: CliContext): void {
  program
    .command('build')
    .description('render the HTML, the plain text and a sample .eml into out/ISSUE/')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the latest)', issueArgument)
    .option('--out <dir>', 'write here instead of out/ISSUE/')
    .action(async (issue: string | undefined, options: { out?: string }, command: Command) => {
      const { buildCommand } = await import('../../actions/build-command.js');
      await buildCommand(
        {
          dir: cli.dir(command),
          issue,
          out: options.out === undefined ? undefined : resolve(options.out),
          unsubscribeSecret: cli.unsubscribeSecret,
          now: new Date(),
        },
        cli.output(),
      );
    });
}
