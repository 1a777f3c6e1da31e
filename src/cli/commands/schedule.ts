import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ScheduleResult } from '../../actions/schedule-command.js';
import type { ScheduleTarget } from '../../actions/schedule-entry.js';
import type { Output } from '../../output.js';
import type { CliContext } from '../context.js';
import { currentUserName } from '../../fs/current-user-name.js';

const TARGETS = ['cron', 'systemd', 'windows', 'github'];

interface ScheduleFlags {
  at?: string;
  install?: boolean;
  remove?: boolean;
}

export function registerSchedule(program: Command, cli: CliContext): void {
  program
    .command('schedule')
    .description('send on time without you: the entry that runs `snippet send --due` from cron, systemd, Windows or GitHub Actions')
    .argument('<target>', 'cron, systemd (a user timer), windows (Task Scheduler) or github (a GitHub Actions workflow)', targetArgument)
    .option('--at <HH:MM>', 'cron and systemd: the daily time, in the network’s time zone (default: schedule.send_time)')
    .option('--install', 'put the entry in place (twice leaves one entry)')
    .option('--remove', 'take the entry out again')
    .action(async (target: ScheduleTarget, flags: ScheduleFlags, command: Command) => {
      const { scheduleCommand } = await import('../../actions/schedule-command.js');
      const env = cli.env;
      const result = await scheduleCommand({
        dir: cli.dir(command),
        target,
        at: flags.at,
        install: flags.install === true,
        remove: flags.remove === true,
        env,
        platform: process.platform,
        node: process.execPath,
        cli: resolve(process.argv[1] ?? 'snippet'),
        user: process.platform === 'win32' && env.USERDOMAIN ? `${env.USERDOMAIN}\\${currentUserName(env)}` : currentUserName(env),
        now: new Date(),
        machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      printSchedule(result, cli.output());
    });
}

function targetArgument(value: string): string {
  if (!TARGETS.includes(value)) throw new InvalidArgumentError(`"${value}" is not a target; choose cron, systemd, windows or github.`);
  return value;
}

/** The entry on stdout (what a user copies); what was done and what to do next on stderr. */
export function printSchedule(result: ScheduleResult, out: Output): void {
  if (result.atIgnored) out.warn(`note: ${result.target} runs every hour, so --at is ignored; each run sends what is due by then.`);
  const { at } = result;
  if (at) {
    const machine = at.machine === at.network && at.machineZone === at.timeZone ? '' : ` (${at.machine} on this computer’s clock, ${at.machineZone})`;
    out.warn(`runs daily at ${at.network} ${at.timeZone}${machine}.`);
  }
  const printing = result.done === 'printed';
  if (printing && result.target !== 'github') for (const file of result.files) printFile(file.name, file.text, result.files.length > 1, out);
  switch (result.done) {
    case 'printed':
      return printNextStep(result, out);
    case 'installed':
      return out.warn(`installed${result.paths.length > 0 ? `: ${result.paths.join(', ')}` : ' in your crontab'}.`);
    case 'unchanged':
      return out.warn('already installed; nothing changed.');
    case 'removed':
      return out.warn(`removed${result.paths.length > 0 ? `: ${result.paths.join(', ')}` : ' from your crontab'}.`);
    case 'absent':
      return out.warn('there was no entry for this workspace; nothing changed.');
    case 'written':
      for (const path of result.paths) out.warn(`wrote ${path}`);
      if (!result.repository?.isGit)
        out.warn('note: this folder is not in a git repository yet; the workflow works once it is pushed to a private GitHub repository.');
      return out.warn('Next: commit and push, then add the secrets and variables docs/hosting.md lists (Settings > Secrets and variables > Actions).');
  }
}

function printFile(name: string, text: string, named: boolean, out: Output): void {
  if (named) out.info(`# ${name}`);
  for (const line of text.replace(/\n$/u, '').split('\n')) out.info(line);
  if (named) out.info('');
}

function printNextStep(result: ScheduleResult, out: Output): void {
  switch (result.target) {
    case 'cron':
      return out.warn('Add it with `snippet schedule cron --install` (keeps your other crontab lines), or paste it into `crontab -e`.');
    case 'systemd':
      return out.warn(
        'Install both with `snippet schedule systemd --install` (into ~/.config/systemd/user, then enabled); on a server, `loginctl enable-linger` keeps it running when you are logged out.',
      );
    case 'windows':
      out.warn('Install it with `snippet schedule windows --install`, which writes the XML and runs:');
      return out.warn(`  ${result.loadCommand}`);
    case 'github':
      return;
  }
}
