import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { SnippetError, usageError } from '../errors.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import { machineClockTime } from '../time/machine-clock-time.js';
import { readConfig } from '../workspace/read-config.js';
import { readScheduleTemplate, snippetVersion } from './fill-template.js';
import { runTool, type ToolResult } from './run-tool.js';
import {
  crontabMarker,
  isDaily,
  scheduleEntry,
  systemdUnitName,
  unionMergeLines,
  windowsTaskName,
  withCrontabEntry,
  withoutCrontabEntry,
  type EntryContext,
  type EntryFile,
  type ScheduleTarget,
} from './schedule-entry.js';

export interface ScheduleOptions {
  /** The workspace, absolute. */
  dir: string;
  target: ScheduleTarget;
  /** `--at HH:MM`, network time; default the config's schedule.send_time. */
  at: string | undefined;
  install: boolean;
  remove: boolean;
  /** PATH (for crontab, systemctl, schtasks), HOME and XDG_CONFIG_HOME (systemd's user units). */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The Node that runs snippet, and snippet's CLI script: absolute, as the entry runs them. */
  node: string;
  cli: string;
  /** snippet's version, for the GitHub workflow's install; default this package's. */
  version?: string;
  /** Windows: the user the task runs as. */
  user: string;
  now: Date;
  /** The machine's time zone, in which cron reads its lines. */
  machineZone: string;
}

export type ScheduleDone = 'printed' | 'installed' | 'unchanged' | 'removed' | 'absent' | 'written';

export interface ScheduleResult {
  target: ScheduleTarget;
  /** The entry: what is printed, or what was installed. */
  files: EntryFile[];
  done: ScheduleDone;
  /** Files written or deleted, absolute. */
  paths: string[];
  /** Daily targets: when the entry runs. */
  at: { network: string; timeZone: string; machine: string; machineZone: string } | undefined;
  /** An hourly target was given --at. */
  atIgnored: boolean;
  /** Windows: the line that loads the task, as a PowerShell user types it. */
  loadCommand: string | undefined;
  /** GitHub: the workspace's folder in the repository, and whether it is a git repository at all. */
  repository: { root: string; workdir: string; isGit: boolean } | undefined;
  /** GitHub: lines added to .gitattributes. */
  attributesAdded: string[];
}

/**
 * `snippet schedule TARGET`: the entry that runs `snippet send --due` for
 * this workspace from cron, a systemd user timer, the Windows Task Scheduler
 * or GitHub Actions. Without --install it only returns the entry (github
 * writes its workflow either way); --install puts it in place, replacing this
 * workspace's earlier entry (twice leaves one); --remove takes it out.
 */
export async function scheduleCommand(options: ScheduleOptions): Promise<ScheduleResult> {
  if (options.install && options.remove) throw usageError('--install and --remove cannot be used together', 'Choose one.');
  if (options.at !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/u.test(options.at))
    throw usageError(`--at "${options.at}" is not a time`, 'Write it as HH:MM, 24-hour, in the network’s time zone, e.g. --at 09:00.');
  const config = await readConfig(options.dir, 'snippet schedule', 'no schedule was made');
  const daily = isDaily(options.target);
  const at = options.at ?? config.schedule.sendTime;
  const paths = options.platform === 'win32' ? path.win32 : path.posix;
  const repository = options.target === 'github' ? await findRepository(options.dir) : undefined;
  const context: EntryContext = {
    paths,
    workspace: options.dir,
    node: options.node,
    cli: options.cli,
    timeZone: config.timeZone,
    at,
    machineAt: machineClockTime(at, config.timeZone, options.machineZone, options.now),
    user: options.user,
    workdir: repository?.workdir ?? '.',
    packageSpec: `$GITHUB_WORKSPACE/.github/snippet-${options.version ?? (await snippetVersion())}.tgz`,
  };
  const templates: Record<string, string> = {};
  for (const name of TEMPLATES[options.target]) templates[name] = await readScheduleTemplate(name);
  const files = scheduleEntry(options.target, context, templates);
  const result: ScheduleResult = {
    target: options.target,
    files,
    done: 'printed',
    paths: [],
    at: daily ? { network: at, timeZone: config.timeZone, machine: context.machineAt, machineZone: options.machineZone } : undefined,
    atIgnored: !daily && options.at !== undefined,
    loadCommand: undefined,
    repository,
    attributesAdded: [],
  };
  // The log and, for Windows, the task's XML live in the state folder.
  if (!options.remove) await mkdir(path.join(options.dir, '.snippet'), { recursive: true, mode: 0o700 });
  switch (options.target) {
    case 'cron':
      return options.install || options.remove ? cron(options, files[0]!.text, result) : result;
    case 'systemd':
      return options.install || options.remove ? systemd(options, files, result) : result;
    case 'windows':
      return windows(options, files[0]!.text, result);
    case 'github':
      return github(options, files[0]!, result);
  }
}

const TEMPLATES: Record<ScheduleTarget, string[]> = {
  cron: ['cron.txt'],
  systemd: ['systemd.service', 'systemd.timer'],
  windows: ['windows.xml'],
  github: ['github.yml'],
};

/** crontab -l, this workspace's entry replaced (or taken out), crontab - ; the other lines as they were. */
async function cron(options: ScheduleOptions, entry: string, result: ScheduleResult): Promise<ScheduleResult> {
  const purpose = 'cron reads the crontab; install cron (Debian: apt-get install cron), or use `snippet schedule systemd`.';
  const listed = await runTool('crontab', ['-l'], { env: options.env, purpose });
  // "no crontab for USER": an empty crontab, not a failure.
  if (listed.code !== 0 && !/no crontab/iu.test(listed.stderr)) {
    throw refused('crontab -l', listed, purpose);
  }
  const current = listed.code === 0 ? listed.stdout : '';
  const marker = crontabMarker(options.dir);
  const next = options.remove ? withoutCrontabEntry(current, marker) : withCrontabEntry(current, marker, entry);
  if (next === current) return { ...result, done: options.remove ? 'absent' : 'unchanged' };
  const written = await runTool('crontab', ['-'], { env: options.env, input: next, purpose });
  if (written.code !== 0) throw refused('crontab -', written, purpose);
  return { ...result, done: options.remove ? 'removed' : 'installed' };
}

/** A tool that ran and refused: what it said (else its exit code), and what it is needed for. */
function refused(what: string, ran: ToolResult, purpose: string): SnippetError {
  return new SnippetError(`${what} failed: ${ran.stderr.trim() || `exit ${ran.code}`}`, { hint: purpose });
}

/** The user's units folder: $XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user. */
function systemdUserDir(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : undefined);
  if (!config) throw new SnippetError('neither HOME nor XDG_CONFIG_HOME is set, so the user units have no folder', { hint: 'Run it as the user who sends.' });
  return path.join(config, 'systemd', 'user');
}

async function systemd(options: ScheduleOptions, files: EntryFile[], result: ScheduleResult): Promise<ScheduleResult> {
  const dir = systemdUserDir(options.env);
  const unit = systemdUnitName(options.dir);
  const purpose = 'systemd user timers need systemctl and a user session (on a server: `loginctl enable-linger USER`); or use `snippet schedule cron`.';
  const systemctl = async (...args: string[]): Promise<void> => {
    const ran = await runTool('systemctl', ['--user', ...args], { env: options.env, purpose });
    if (ran.code !== 0) throw refused(`systemctl --user ${args.join(' ')}`, ran, purpose);
  };
  const paths = files.map((file) => path.join(dir, file.name));
  if (options.remove) {
    const present = await Promise.all(paths.map(exists));
    if (!present.some(Boolean)) return { ...result, done: 'absent' };
    // A timer that is not loaded (say, the session is gone) is still removed from disk.
    await runTool('systemctl', ['--user', 'disable', '--now', `${unit}.timer`], { env: options.env, purpose }).catch(() => undefined);
    for (const file of paths) await rm(file, { force: true });
    await systemctl('daemon-reload');
    return { ...result, done: 'removed', paths };
  }
  const same = await Promise.all(files.map(async (file, i) => (await readFile(paths[i]!, 'utf8').catch(() => undefined)) === file.text));
  await mkdir(dir, { recursive: true });
  if (!same.every(Boolean))
    await writeFilesAtomically(
      dir,
      files.map((file) => ({ name: file.name, data: file.text })),
    );
  await systemctl('daemon-reload');
  await systemctl('enable', '--now', `${unit}.timer`);
  return { ...result, done: same.every(Boolean) ? 'unchanged' : 'installed', paths };
}

/** The task's XML in the state folder (UTF-16, as Task Scheduler writes it), then schtasks; /F replaces an earlier task of the same name. */
async function windows(options: ScheduleOptions, xml: string, result: ScheduleResult): Promise<ScheduleResult> {
  const name = windowsTaskName(options.dir);
  const file = path.join(options.dir, '.snippet', 'snippet-task.xml');
  const loadCommand = `schtasks /Create /TN "${name}" /XML "${file}" /F`;
  const purpose = 'schtasks is part of Windows; run this on the Windows PC that sends, in PowerShell.';
  if (!options.install && !options.remove) return { ...result, loadCommand };
  if (options.remove) {
    const ran = await runTool('schtasks', ['/Delete', '/TN', name, '/F'], { env: options.env, purpose });
    if (ran.code !== 0) {
      if (/cannot find|does not exist/iu.test(ran.stderr)) return { ...result, done: 'absent' };
      throw refused('schtasks /Delete', ran, purpose);
    }
    await rm(file, { force: true });
    return { ...result, done: 'removed', paths: [file] };
  }
  await writeFilesAtomically(path.dirname(file), [
    { name: path.basename(file), data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]) },
  ]);
  const ran = await runTool('schtasks', ['/Create', '/TN', name, '/XML', file, '/F'], { env: options.env, purpose });
  if (ran.code !== 0) throw refused('schtasks /Create', ran, purpose);
  return { ...result, done: 'installed', paths: [file], loadCommand };
}

/** The workflow at the root of the repository holding the workspace, and merge=union for the append-only files. */
async function github(options: ScheduleOptions, workflow: EntryFile, result: ScheduleResult): Promise<ScheduleResult> {
  const repository = result.repository!;
  const file = path.join(repository.root, ...workflow.name.split('/'));
  if (options.remove) {
    if (!(await exists(file))) return { ...result, done: 'absent' };
    await rm(file);
    return { ...result, done: 'removed', paths: [file] };
  }
  const before = await readFile(file, 'utf8').catch(() => undefined);
  const attributesFile = path.join(repository.root, '.gitattributes');
  const attributes = (await readFile(attributesFile, 'utf8').catch(() => '')).replace(/\r\n/gu, '\n');
  const have = new Set(attributes.split('\n').map((line) => line.trim()));
  const missing = unionMergeLines(repository.workdir).filter((line) => !have.has(line));
  if (before === workflow.text && missing.length === 0) return { ...result, done: 'unchanged', paths: [file] };
  await mkdir(path.dirname(file), { recursive: true });
  const writes = [{ name: path.relative(repository.root, file), data: workflow.text }];
  if (missing.length > 0) {
    const base = attributes.length === 0 || attributes.endsWith('\n') ? attributes : `${attributes}\n`;
    writes.push({
      name: '.gitattributes',
      data: `${base}# snippet: append-only files merge by union, so a pull never conflicts on them\n${missing.join('\n')}\n`,
    });
  }
  await writeFilesAtomically(repository.root, writes);
  return { ...result, done: 'written', paths: [file, ...(missing.length > 0 ? [attributesFile] : [])], attributesAdded: missing };
}

/** The nearest folder at or above the workspace with a `.git`; the workspace itself when there is none. */
async function findRepository(dir: string): Promise<{ root: string; workdir: string; isGit: boolean }> {
  for (let current = dir, i = 0; i < 64; i++) {
    if (await exists(path.join(current, '.git'))) {
      const workdir = path.relative(current, dir).split(path.sep).join('/') || '.';
      return { root: current, workdir, isGit: true };
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return { root: dir, workdir: '.', isGit: false };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
