import { Command } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCheck } from './commands/check.js';
import { registerContacts } from './commands/contacts.js';
import { registerDesk } from './commands/desk.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInit } from './commands/init.js';
import { registerMailbox } from './commands/mailbox.js';
import { registerNew } from './commands/new.js';
import { registerOrganisations } from './commands/organisations.js';
import { registerPreview } from './commands/preview.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSend } from './commands/send.js';
import { registerSite } from './commands/site.js';
import { registerSpotlight } from './commands/spotlight.js';
import { registerStatus } from './commands/status.js';
import { registerSubmissions } from './commands/submissions.js';
import { registerUnsubscribeServer } from './commands/unsubscribe-server.js';
import type { CliContext } from './context.js';

/** Every command, in the order `--help` lists them. Each file wires one command. */
const COMMANDS = [
  registerInit,
  registerNew,
  registerDesk,
  registerCheck,
  registerBuild,
  registerPreview,
  registerSpotlight,
  registerOrganisations,
  registerSite,
  registerSend,
  registerSchedule,
  registerStatus,
  registerDoctor,
  registerMailbox,
  registerContacts,
  registerSubmissions,
  registerUnsubscribeServer,
];

export function createProgram(cli: CliContext, version: string): Command {
  const program = new Command('snippet')
    .description('Build and mail the monthly newsletter of a perinatal mental health network.')
    .version(version, '-V, --version')
    .option('--dir <dir>', 'the workspace folder', '.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program, cli);
  const overrideExit = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExit);
  };
  program.commands.forEach(overrideExit);
  return program;
}
