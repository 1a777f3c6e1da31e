import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { portOption } from '../arguments.js';
import type { CliContext } from '../context.js';
import { onInterrupt } from '../interrupt.js';

/** The desk's process: beside the bundle (dist/bin/) or beside tsc's output of this file (dist/cli/commands/). */
const DESK_MAIN = ['../desk/desk-main.js', '../../desk/desk-main.js'].map((path) => join(import.meta.dirname, path));

export function registerDesk(program: Command, cli: CliContext): void {
  program
    .command('desk')
    .description('open the desk: the month drafted, checked, previewed and approved in your browser')
    .option('--port <n>', 'the port (default 4310); if it is taken, the next free one is used (0: any free port)', portOption)
    .option('--host <host>', 'the address to serve on; anything but 127.0.0.1 or localhost lets other computers reach it', '127.0.0.1')
    .option('--no-open', 'do not open a browser; print the address only')
    .action(async (options: { port?: number; host: string; open: boolean }, command: Command) => {
      // Two front doors, neither imports the other: the desk runs as its own process, on this terminal.
      const main = DESK_MAIN.find((path) => existsSync(path)) ?? DESK_MAIN[0]!;
      const args = ['--dir', cli.dir(command), '--host', options.host, ...(options.port === undefined ? [] : ['--port', String(options.port)])];
      // This process waits for the desk to stop.
      const interrupt = onInterrupt();
      try {
        const code = await new Promise<number>((resolve) => {
          const child = spawn(process.execPath, [main, ...args, ...(options.open ? [] : ['--no-open'])], { stdio: 'inherit', env: cli.env });
          // From a terminal Ctrl-C reaches both; a `kill` of this process only reaches this one.
          interrupt.signal.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
          child.once('error', () => resolve(1));
          child.once('exit', (exit) => resolve(exit ?? 0));
        });
        cli.setExitCode(code);
      } finally {
        interrupt.dispose();
      }
    });
}
