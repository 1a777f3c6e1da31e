import type { Command } from 'commander';
import { issueArgument, portOption } from '../arguments.js';
import type { CliContext } from '../context.js';
import { onInterrupt } from '../interrupt.js';

export function registerPreview(program: Command, cli: CliContext): void {
  program
    .command('preview')
    .description('serve a live preview of the issue (desktop, phone, dark mode, plain text, problems) that updates as you save')
    .argument('[issue]', 'the issue month, YYYY-MM (default: the latest)', issueArgument)
    .option('--port <n>', 'the port; if it is taken, the next free one is used (0: any free port)', portOption)
    .option('--host <host>', 'the address to serve on; anything but 127.0.0.1 or localhost lets other computers see it', '127.0.0.1')
    .action(async (issue: string | undefined, options: { port?: number; host: string }, command: Command) => {
      const { DEFAULT_PREVIEW_PORT, previewCommand } = await import('../../actions/preview-command.js');
      // Ctrl-C and `kill` stop the preview cleanly: the command returns and main exits 0.
      const interrupt = onInterrupt();
      try {
        await previewCommand(
          { dir: cli.dir(command), issue, host: options.host, port: options.port ?? DEFAULT_PREVIEW_PORT, unsubscribeSecret: cli.unsubscribeSecret },
          cli.output(),
          interrupt.signal,
        );
      } finally {
        interrupt.dispose();
      }
    });
}
