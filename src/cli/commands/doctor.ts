import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerDoctor(program: Command, cli: CliContext): void {
  program
    .command('doctor')
    .description('check the config, the state folder, disk space, the SMTP server (TLS, sign-in, sender) and the mailbox (sign-in, folder) without sending')
    .action(async (_flags: unknown, command: Command) => {
      const { doctorCommand } = await import('../../actions/doctor-command.js');
      const { readSmtpEnvironment } = await import('../../actions/read-smtp-environment.js');
      const { readImapEnvironment } = await import('../read-imap-environment.js');
      const passFile = cli.env.SNIPPET_SMTP_PASS_FILE ? resolve(cli.env.SNIPPET_SMTP_PASS_FILE) : undefined;
      const result = await doctorCommand(
        { dir: cli.dir(command), smtp: readSmtpEnvironment(cli.env), imap: readImapEnvironment(cli.env), unsubscribeSecret: cli.unsubscribeSecret, passFile },
        cli.output(),
      );
      cli.setExitCode(result.exitCode);
    });
}
