import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduleCommand, type ScheduleOptions } from '../../src/actions/schedule-command.js';
import { systemdUnitName } from '../../src/actions/schedule-entry.js';
import { isSnippetError } from '../../src/errors.js';
import { CLI, sampleWorkspace } from '../support/workspace.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/**
 * Stand-ins for crontab, systemctl and schtasks, as scripts on PATH: crontab
 * keeps its table in a file as the real one does; systemctl and schtasks
 * write their arguments to a log. The entries themselves are checked by the
 * real programs that read them where they exist here (systemd-analyze).
 */
const TOOLS = {
  crontab: `#!/bin/sh
table="$FAKE_HOME/crontab"
if [ "$1" = "-l" ]; then
  if [ -f "$table" ]; then cat "$table"; exit 0; fi
  echo "no crontab for tester" >&2; exit 1
fi
if [ "$1" = "-" ]; then cat > "$table"; echo "crontab -" >> "$FAKE_HOME/calls"; exit 0; fi
exit 2
`,
  systemctl: `#!/bin/sh
echo "systemctl $*" >> "$FAKE_HOME/calls"
`,
  schtasks: `#!/bin/sh
echo "schtasks $*" >> "$FAKE_HOME/calls"
task="$FAKE_HOME/task"
case "$1" in
  /Create) cp "$5" "$task" ;;
  /Delete) if [ -f "$task" ]; then rm "$task"; else echo "ERROR: The system cannot find the file specified." >&2; exit 1; fi ;;
esac
`,
};

async function setup() {
  const ws = await sampleWorkspace();
  const home = await mkdtemp(join(tmpdir(), 'snippet-home-'));
  cleanups.push(ws.remove, () => rm(home, { recursive: true, force: true }));
  await mkdir(join(home, 'bin'));
  for (const [name, script] of Object.entries(TOOLS)) {
    await writeFile(join(home, 'bin', name), script);
    await chmod(join(home, 'bin', name), 0o755);
  }
  const env = { PATH: `${join(home, 'bin')}:${process.env.PATH ?? ''}`, HOME: home, FAKE_HOME: home };
  const schedule = (overrides: Partial<ScheduleOptions>) =>
    scheduleCommand({
      dir: ws.dir,
      target: 'cron',
      at: undefined,
      install: false,
      remove: false,
      env,
      platform: 'linux',
      node: process.execPath,
      cli: CLI,
      version: '0.1.0',
      user: 'tester',
      now: new Date('2026-12-07T12:00:00Z'),
      machineZone: 'UTC',
      ...overrides,
    });
  const calls = async (): Promise<string[]> => (await readFile(join(home, 'calls'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
  return { ws, home, schedule, calls };
}

describe('snippet schedule cron --install', () => {
  it('adds one line to the crontab, keeps the other lines, and a second install adds nothing', async () => {
    const { home, schedule, calls } = await setup();
    const others = 'MAILTO=jo@example.org\n0 2 * * * /usr/local/bin/backup\n';
    await writeFile(join(home, 'crontab'), others);
    const first = await schedule({ install: true, at: '08:30' });
    expect(first.done).toBe('installed');
    const table = await readFile(join(home, 'crontab'), 'utf8');
    expect(table.startsWith(others)).toBe(true);
    expect(table.slice(others.length)).toBe(first.files[0]!.text);
    expect(table).toMatch(/^30 8 \* \* \* cd '.*' send --due >> '.*\/\.snippet\/schedule\.log' 2>&1$/mu);

    const second = await schedule({ install: true, at: '08:30' });
    expect(second.done).toBe('unchanged');
    expect(await readFile(join(home, 'crontab'), 'utf8')).toBe(table);
    expect(await calls()).toEqual(['crontab -']);

    // A new time replaces the line rather than adding one.
    await schedule({ install: true, at: '10:00' });
    const moved = await readFile(join(home, 'crontab'), 'utf8');
    expect(moved.match(/' send --due >> /gu)).toHaveLength(1);
    expect(moved).toMatch(/^0 10 \* \* \* /mu);

    expect((await schedule({ remove: true })).done).toBe('removed');
    expect(await readFile(join(home, 'crontab'), 'utf8')).toBe(others);
    expect((await schedule({ remove: true })).done).toBe('absent');
  });

  it('starts a crontab for a user who has none', async () => {
    const { home, schedule } = await setup();
    await schedule({ install: true });
    expect((await readFile(join(home, 'crontab'), 'utf8')).match(/' send --due >> /gu)).toHaveLength(1);
  });

  it('says what to do when cron is not installed', async () => {
    const { schedule } = await setup();
    const error = await schedule({ install: true, env: { PATH: '/nonexistent', HOME: '/nonexistent' } }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe('crontab was not found on this computer');
  });
  it('names the exit code when crontab refuses the new table without a word', async () => {
    const { home, schedule } = await setup();
    await writeFile(join(home, 'bin', 'crontab'), '#!/bin/sh\n[ "$1" = "-l" ] && exit 0\nexit 3\n');
    const error = await schedule({ install: true }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe('crontab - failed: exit 3');
  });
});

describe('snippet schedule systemd', () => {
  it('writes units that systemd-analyze verify accepts without a word', async () => {
    const { ws, home, schedule } = await setup();
    const result = await schedule({ target: 'systemd', install: true, at: '09:00' });
    expect(result.done).toBe('installed');
    const dir = join(home, '.config', 'systemd', 'user');
    const unit = systemdUnitName(ws.dir);
    expect((await readdir(dir)).sort()).toEqual([`${unit}.service`, `${unit}.timer`]);
    if (!existsSync('/usr/bin/systemd-analyze'))
      throw new Error('systemd-analyze is missing: apt-get install systemd (it only reads the units; nothing is started)');
    const verified = await run('systemd-analyze', ['verify', join(dir, `${unit}.timer`), join(dir, `${unit}.service`)]);
    expect(verified.stderr).toBe('');
    expect(await readFile(join(dir, `${unit}.timer`), 'utf8')).toContain('Persistent=true');
  });

  it('enables the timer, twice without a second copy, and removes it', async () => {
    const { ws, home, schedule, calls } = await setup();
    const unit = systemdUnitName(ws.dir);
    expect((await schedule({ target: 'systemd', install: true })).done).toBe('installed');
    expect((await schedule({ target: 'systemd', install: true })).done).toBe('unchanged');
    expect(await readdir(join(home, '.config', 'systemd', 'user'))).toHaveLength(2);
    expect((await schedule({ target: 'systemd', remove: true })).done).toBe('removed');
    expect(await readdir(join(home, '.config', 'systemd', 'user'))).toEqual([]);
    expect(await calls()).toEqual([
      'systemctl --user daemon-reload',
      `systemctl --user enable --now ${unit}.timer`,
      'systemctl --user daemon-reload',
      `systemctl --user enable --now ${unit}.timer`,
      `systemctl --user disable --now ${unit}.timer`,
      'systemctl --user daemon-reload',
    ]);
  });
  it('says what systemctl said, and what to do, when there is no user session', async () => {
    const { home, schedule } = await setup();
    await writeFile(join(home, 'bin', 'systemctl'), '#!/bin/sh\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n');
    const error = await schedule({ target: 'systemd', install: true }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe('systemctl --user daemon-reload failed: Failed to connect to bus: No medium found');
    expect(isSnippetError(error) && error.hint).toMatch(/loginctl enable-linger/u);
  });
});

describe('snippet schedule windows --install', () => {
  it('loads the task from a UTF-16 XML with schtasks /F (twice is one task) and deletes it', async () => {
    const { ws, home, schedule, calls } = await setup();
    const result = await schedule({ target: 'windows', install: true, at: '09:00' });
    expect(result.atIgnored).toBe(true);
    const loaded = await readFile(join(home, 'task'));
    expect([...loaded.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(loaded.subarray(2).toString('utf16le')).toBe(result.files[0]!.text);
    await schedule({ target: 'windows', install: true });
    const xml = join(ws.dir, '.snippet', 'snippet-task.xml');
    const name = `snippet send ${systemdUnitName(ws.dir).replace('snippet-send-', '')}`;
    expect(await calls()).toEqual([`schtasks /Create /TN ${name} /XML ${xml} /F`, `schtasks /Create /TN ${name} /XML ${xml} /F`]);
    expect((await schedule({ target: 'windows', remove: true })).done).toBe('removed');
    expect((await schedule({ target: 'windows', remove: true })).done).toBe('absent');
  });
});

describe('snippet schedule github', () => {
  it('writes the workflow at the root of the repository, with the workspace as its folder, and merge=union once', async () => {
    const { ws, schedule } = await setup();
    const root = await mkdtemp(join(tmpdir(), 'snippet-repo-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await run('git', ['init', '--quiet', root]);
    const dir = join(root, 'newsletter');
    await run('cp', ['-r', ws.dir, dir]);
    await writeFile(join(root, '.gitattributes'), '*.png binary');
    const first = await schedule({ target: 'github', dir });
    expect(first.done).toBe('written');
    expect(first.repository).toEqual({ root, workdir: 'newsletter', isGit: true });
    const workflow = await readFile(join(root, '.github', 'workflows', 'snippet.yml'), 'utf8');
    expect(workflow).toContain('working-directory: "newsletter"');
    const attributes = await readFile(join(root, '.gitattributes'), 'utf8');
    expect(attributes).toMatch(/^\*\.png binary\n# snippet: .*\nnewsletter\/\.snippet\/ledger\/\*\.jsonl merge=union\n/u);
    expect((await schedule({ target: 'github', dir })).done).toBe('unchanged');
    expect(await readFile(join(root, '.gitattributes'), 'utf8')).toBe(attributes);
    expect((await run('git', ['check-attr', 'merge', 'newsletter/contacts/suppressions.csv'], { cwd: root })).stdout.trim()).toBe(
      'newsletter/contacts/suppressions.csv: merge: union',
    );
    expect((await schedule({ target: 'github', dir, remove: true })).done).toBe('removed');
    expect(existsSync(join(root, '.github', 'workflows', 'snippet.yml'))).toBe(false);
  });
});

describe('snippet schedule, before any entry is made', () => {
  it('says where the config is missing, and makes nothing', async () => {
    const { ws, schedule, calls } = await setup();
    await rm(join(ws.dir, 'snippet.config.yaml'));
    const error = await schedule({ install: true }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe(`snippet.config.yaml was not found in ${ws.dir}`);
    expect(await calls()).toEqual([]);
  });

  it('lists the config’s errors with their lines, and installs nothing', async () => {
    const { ws, schedule, calls } = await setup();
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace(/^time_zone: .*$/mu, 'time_zone: Mars/Olympus'));
    const error = await schedule({ install: true }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.message).toBe('snippet.config.yaml has problems, so no schedule was made');
    const problems = isSnippetError(error) ? error.problems : [];
    expect(problems.map((p) => [p.file, p.severity])).toEqual([['snippet.config.yaml', 'error']]);
    expect(problems[0]!.line).toBe(config.split('\n').findIndex((line) => line.startsWith('time_zone:')) + 1);
    expect(await calls()).toEqual([]);
  });
});
