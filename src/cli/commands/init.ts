import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerInit(program: Command, cli: CliContext): void {
  program
    .command('init')
    .description("start a new network's workspace: config and organisations to fill in, empty contacts, templates, .gitignore and a first draft")
    .argument('[dir]', 'the folder (default: --dir, or the current folder); created when missing')
    .action(async (dir: string | undefined, _options: unknown, command: Command) => {
      const { initCommand } = await import('../../actions/init-command.js');
      // The one command that works on a folder that is not a workspace yet, so it does not use cli.dir().
      const shown = dir ?? String(command.optsWithGlobals().dir ?? '.');
      await initCommand({ dir: resolve(shown), shown, now: new Date() }, cli.output());
    });
}
