import type { Command } from 'commander';
import { portOption } from '../arguments.js';
import { onInterrupt } from '../interrupt.js';
import type { CliContext } from '../context.js';

export function registerUnsubscribeServer(program: Command, cli: CliContext): void {
  program
    .command('unsubscribe-server')
    .description('run the one-click unsubscribe endpoint (put it behind an https reverse proxy)')
    .option('--port <n>', 'the port to listen on', portOption, 8025)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--trust-proxy', 'rate-limit by the last X-Forwarded-For address (only behind your own reverse proxy)')
    .action(async (options: { port: number; host: string; trustProxy?: boolean }, command: Command) => {
      const { unsubscribeServerCommand } = await import('../../actions/unsubscribe-server-command.js');
      const interrupt = onInterrupt();
      try {
        await unsubscribeServerCommand(
          {
            dir: cli.dir(command),
            host: options.host,
            port: options.port,
            trustProxy: options.trustProxy === true,
            secret: cli.unsubscribeSecret,
            signal: interrupt.signal,
          },
          cli.output(),
        );
      } finally {
        interrupt.dispose();
      }
    });
}
