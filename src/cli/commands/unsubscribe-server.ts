import type { Command } from 'commander';
import { integerOption } from '../arguments.js';
import type { CliContext } from '../context.js';

export function registerUnsubscribeServer(program: Command, cli: CliContext): void {
  program
    .command('unsubscribe-server')
    .description('run the one-click unsubscribe endpoint (put it behind an https reverse proxy)')
    .option('--port <n>', 'the port to listen on', integerOption(0), 8025)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--trust-proxy', 'rate-limit by the last X-Forwarded-For address (only behind your own reverse proxy)')
    .action(async (options: { port: number; host: string; trustProxy?: boolean }, command: Command) => {
      const { unsubscribeServerCommand } = await import('../../commands/unsubscribe-server-command.js');
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await unsubscribeServerCommand(
          { dir: cli.dir(command), host: options.host, port: options.port, trustProxy: options.trustProxy === true, secret: cli.env.SNIPPET_UNSUBSCRIBE_SECRET, signal: stop.signal },
          cli.output(),
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
