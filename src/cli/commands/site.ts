import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { portOption } from '../arguments.js';
import type { CliContext } from '../context.js';
import { onInterrupt } from '../interrupt.js';

/** Where `--serve` listens unless told: beside the preview's 4300. */
const DEFAULT_SITE_PORT = 4400;

export function registerSite(program: Command, cli: CliContext): void {
  program
    .command('site')
    .description('build the website: archive of published issues, feeds, services directory, Open Referral UK data')
    .option('--out <dir>', 'write the site here instead of out/site/ (the whole folder is replaced)')
    .option('--serve', 'then serve it on this computer to look at, until Ctrl-C')
    .option('--port <n>', 'with --serve: the port (the next free one if taken)', portOption)
    .action(async (options: { out?: string; serve?: boolean; port?: number }, command: Command) => {
      const { siteCommand } = await import('../../actions/site-command.js');
      const { serveSite } = await import('../../actions/serve-site.js');
      const output = cli.output();
      const result = await siteCommand({ dir: cli.dir(command), out: options.out === undefined ? undefined : resolve(options.out), now: new Date() }, output);
      if (!options.serve) return;
      const interrupt = onInterrupt();
      try {
        const server = await serveSite(result.outDir, options.port ?? DEFAULT_SITE_PORT, output);
        if (!interrupt.signal.aborted) await once(interrupt.signal, 'abort');
        await server.close();
      } finally {
        interrupt.dispose();
      }
    });
}
