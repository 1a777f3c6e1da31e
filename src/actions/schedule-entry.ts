import { createHash } from 'node:crypto';
import type path from 'node:path';
import { fillTemplate } from './fill-template.js';

export const SCHEDULE_TARGETS = ['cron', 'systemd', 'windows', 'github'] as const;
export type ScheduleTarget = (typeof SCHEDULE_TARGETS)[number];

/** The targets that run once a day at `--at`; the others run hourly and ignore it. */
export function isDaily(target: ScheduleTarget): boolean {
  return target === 'cron' || target === 'systemd';
}

/** What an entry is made of: absolute paths in the form of the machine that runs it. */
export interface EntryContext {
  /** `path.posix` or `path.win32`, as the machine that runs the entry writes paths. */
  paths: path.PlatformPath;
  /** The workspace, absolute. */
  workspace: string;
  node: string;
  /** The CLI's script, dist/bin/snippet.js, absolute. */
  cli: string;
  /** The network's time zone (config `time_zone`) and `--at` in it. */
  timeZone: string;
  at: string;
  /** `--at` as the machine's clock shows it (cron runs in the machine's time). */
  machineAt: string;
  /** Windows: the user the task runs as, DOMAIN\name. */
  user: string;
  /** GitHub: the workspace's folder inside the repository, with `/`, `.` for its root. */
  workdir: string;
  /** GitHub: what the workflow installs when SNIPPET_PACKAGE is not set. */
  packageSpec: string;
}

/** One file of an entry; `text` is what is printed, or installed. */
export interface EntryFile {
  name: string;
  text: string;
}

/** A short name for this workspace's entry, the same on every run: two workspaces on one machine get two entries. */
export function entryId(workspace: string): string {
  return createHash('sha256').update(workspace).digest('hex').slice(0, 8);
}

export function systemdUnitName(workspace: string): string {
  return `snippet-send-${entryId(workspace)}`;
}

export function windowsTaskName(workspace: string): string {
  return `snippet send ${entryId(workspace)}`;
}

/** The comment line that marks this workspace's crontab line. */
export function crontabMarker(workspace: string): string {
  return `snippet send --due for ${workspace} (snippet schedule cron)`;
}

/** A minute away from the busy top of the hour and the quarters, the same for a workspace on every run. */
export function quietMinute(workspace: string): number {
  const minute = 7 + (parseInt(entryId(workspace), 16) % 46);
  return minute % 5 === 0 ? minute + 1 : minute;
}

/** The log next to the state: `.snippet/schedule.log` in the workspace. */
export function scheduleLog(context: Pick<EntryContext, 'paths' | 'workspace'>): string {
  return context.paths.join(context.workspace, '.snippet', 'schedule.log');
}

/** Pure: the entry's files from the target's template(s), keyed by template name. */
export function scheduleEntry(target: ScheduleTarget, context: EntryContext, templates: Readonly<Record<string, string>>): EntryFile[] {
  const template = (name: string): string => {
    const text = templates[name];
    if (text === undefined) throw new Error(`schedule template ${name} was not read`);
    return text;
  };
  const log = scheduleLog(context);
  switch (target) {
    case 'cron': {
      const [hour, minute] = context.machineAt.split(':').map(Number) as [number, number];
      const text = fillTemplate(template('cron.txt'), {
        marker: crontabMarker(context.workspace),
        minute: String(minute),
        hour: String(hour),
        workspace: cronQuote(context.workspace),
        node: cronQuote(context.node),
        cli: cronQuote(context.cli),
        log: cronQuote(log),
      });
      return [{ name: 'crontab', text }];
    }
    case 'systemd': {
      const unit = systemdUnitName(context.workspace);
      const values = {
        workspaceText: systemdText(context.workspace),
        workspace: systemdText(context.workspace),
        node: systemdQuote(context.node),
        cli: systemdQuote(context.cli),
        log: systemdText(log),
        at: context.at,
        timeZone: context.timeZone,
        unit,
      };
      return [
        { name: `${unit}.service`, text: fillTemplate(template('systemd.service'), values) },
        { name: `${unit}.timer`, text: fillTemplate(template('systemd.timer'), values) },
      ];
    }
    case 'windows': {
      const command = `"${context.node}" "${context.cli}" send --due >> "${log}" 2>&1`;
      const text = fillTemplate(template('windows.xml'), {
        workspace: xmlText(context.workspace),
        taskName: xmlText(windowsTaskName(context.workspace)),
        minute: String(quietMinute(context.workspace)).padStart(2, '0'),
        user: xmlText(context.user),
        cmd: 'cmd.exe',
        // cmd /s /c "…": the outer quotes are taken off and the rest runs as written, redirection included.
        arguments: xmlText(`/d /s /c "${command}"`),
      });
      return [{ name: 'snippet-task.xml', text }];
    }
    case 'github': {
      const text = fillTemplate(template('github.yml'), {
        minute: String(quietMinute(context.workspace)),
        workdir: yamlQuoted(context.workdir),
        package: context.packageSpec,
      });
      return [{ name: '.github/workflows/snippet.yml', text }];
    }
  }
}

/** The lines `.gitattributes` needs so that append-only files merge by union: a pull never conflicts on them. */
export function unionMergeLines(workdir: string): string[] {
  const prefix = workdir === '.' ? '' : `${workdir.replace(/ /gu, '[[:space:]]')}/`;
  return ['.snippet/ledger/*.jsonl', '.snippet/mailbox/*.jsonl', 'contacts/suppressions.csv', 'contacts/bounces.csv'].map(
    (file) => `${prefix}${file} merge=union`,
  );
}

/** Pure: the crontab with this workspace's entry in place of any earlier one, the other lines kept as they were. */
export function withCrontabEntry(crontab: string, marker: string, entry: string): string {
  const kept = withoutCrontabEntry(crontab, marker);
  const base = kept.length === 0 || kept.endsWith('\n') ? kept : `${kept}\n`;
  return `${base}${entry.endsWith('\n') ? entry : `${entry}\n`}`;
}

/** Pure: the crontab without this workspace's entry (its marker line and the line after it). */
export function withoutCrontabEntry(crontab: string, marker: string): string {
  const lines = crontab.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === `# ${marker}`) {
      i++;
      continue;
    }
    out.push(lines[i]!);
  }
  return out.join('\n');
}

/** A word for /bin/sh in a crontab line: single-quoted, and `%` (a newline to cron) escaped. */
function cronQuote(text: string): string {
  return `'${text.replace(/'/gu, `'\\''`)}'`.replace(/%/gu, '\\%');
}

/** A systemd unit's value: `%` starts a specifier, so it is doubled. */
function systemdText(text: string): string {
  return text.replace(/%/gu, '%%');
}

/** A word of a systemd command line, double-quoted. */
function systemdQuote(text: string): string {
  return `"${systemdText(text).replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;
}

function xmlText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/** The inside of a double-quoted YAML string. */
function yamlQuoted(text: string): string {
  return text.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"');
}
