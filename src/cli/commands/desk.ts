import type { Command } from 'commander';
import { portOption } from '../arguments.js';
import type { CliContext } from '../context.js';
import { onInterrupt } from '../interrupt.js';

export function registerDesk(program: Command, cli: CliContext): void {
  program
    .command('desk')
    .description('open the desk: the month drafted, checked, previewed and approved in your browser')
    .option('--port <n>', 'the port (default 4310); if it is taken, the next free one is used (0: any free port)', portOption)
    .option('--host <host>', 'the address to serve on; anything but 127.0.0.1 or localhost lets other computers reach it', '127.0.0.1')
    .option('--no-open', 'do not open a browser; print the address only')
    .action(async (options: { port?: number; host: string; open: boolean }, command: Command) => {
      // The desk is the second front door: the CLI only starts it (see docs/development.md), the one place it
      // crosses the module map's "neither front door imports the other".
      // eslint-disable-next-line no-restricted-syntax
      const { DEFAULT_DESK_PORT, deskCommand } = await import('../../desk/start-desk.js');
      const interrupt = onInterrupt();
      try {
        await deskCommand(
          { dir: cli.dir(command), host: options.host, port: options.port ?? DEFAULT_DESK_PORT, open: options.open, unsubscribeSecret: cli.unsubscribeSecret },
          cli.output(),
          interrupt.signal,
        );
      } finally {
        interrupt.dispose();
      }
    });
}
