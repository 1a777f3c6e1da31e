import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError, type Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { exitCodeOfCommander } from '../../src/cli/exit-codes.js';
import { helpFromTable, readHelpTable } from '../../src/cli/help-table.js';
import { createProgram } from '../../src/cli/program.js';
import { CLI, ROOT, sampleWorkspace } from '../support/workspace.js';

// `snippet --help` prints a table made at build time (dist/bin/help-table.json)
// instead of loading commander. These tests hold the table to what commander
// itself prints, byte for byte, with the same exit code, on the same stream:
// every form against the program run in this process, and one form of each
// kind through the built entry and the bundled commander as processes.

const TABLE = join(ROOT, 'dist/bin/help-table.json');
/** The bundled program behind the entry: always commander. */
const COMMANDER = join(ROOT, 'dist/bin/main.mjs');
const HOOK = join(ROOT, 'test/support/record-modules.mjs');
const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const never = (): never => {
  throw new Error('no command runs here');
};
const NO_COMMAND_RUNS: CliContext = { env: {}, unsubscribeSecret: undefined, output: never, dir: never, setExitCode: never };

let ws: Awaited<ReturnType<typeof sampleWorkspace>>;
beforeAll(async () => {
  ws = await sampleWorkspace();
});
afterAll(async () => {
  await ws.remove();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], options: { nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), script, ...args],
      { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Every command's path (`['contacts', 'import']`), read from the program itself. */
function commandPaths(): string[][] {
  const paths: string[][] = [];
  const visit = (command: Command, path: string[]): void => {
    paths.push(path);
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(createProgram(NO_COMMAND_RUNS, '0.0.0'), []);
  return paths;
}

/**
 * The real program, in this process, as a process whose outputs are not terminals runs it: commander's own
 * widths and colours (none given here), its output kept; the exit code main.ts would end with.
 */
async function commanderInProcess(args: string[]): Promise<Run> {
  const printed = { code: 0, stdout: '', stderr: '' };
  const program = createProgram(NO_COMMAND_RUNS, VERSION);
  const capture = (command: Command): void => {
    command.configureOutput({ writeOut: (text) => (printed.stdout += text), writeErr: (text) => (printed.stderr += text) });
    command.commands.forEach(capture);
  };
  capture(program);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    printed.code = exitCodeOfCommander(error);
  }
  return printed;
}

async function helpTable(): Promise<{ forms: Record<string, unknown> }> {
  return JSON.parse(await readFile(TABLE, 'utf8')) as { forms: Record<string, unknown> };
}

/** The files under dist/ a run of the bundled CLI loaded, and whether any of them holds commander. */
async function loadedBy(args: string[]): Promise<{ result: Run; files: string[]; commander: boolean }> {
  const log = join(ws.dir, `modules-${args.join('-') || 'none'}.log`);
  const result = await run(CLI, args, { nodeArgs: ['--import', HOOK], env: { SNIPPET_TEST_MODULE_LOG: log } });
  const files = (await readFile(log, 'utf8'))
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
    .map((url) => fileURLToPath(url));
  const sources = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return { result, files, commander: sources.some((source) => source.includes('commander.helpDisplayed')) };
}

describe('snippet --help without commander', () => {
  it('the help table has every command', async () => {
    const forms = Object.keys((await helpTable()).forms);
    for (const path of commandPaths()) {
      expect(forms).toContain(JSON.stringify([...path, '--help']));
      expect(forms).toContain(JSON.stringify([...path, '-h']));
    }
    for (const form of [[], ['help'], ['help', 'send'], ['contacts'], ['contacts', 'help', 'import']]) {
      expect(forms).toContain(JSON.stringify(form));
    }
  });

  it('holds, for every form in the table, what the program prints in this process (stdout, stderr, exit code)', async () => {
    const table = readHelpTable(await readFile(TABLE, 'utf8'));
    const forms = Object.keys(table.forms).map((key) => JSON.parse(key) as string[]);
    const failures: string[] = [];
    for (const args of forms) {
      const commander = await commanderInProcess(args);
      const help = helpFromTable(table, args, () => ({ isTTY: false }));
      const fromTable: Run | undefined = help && { code: help.exitCode, stdout: '', stderr: '', [help.stream]: help.text };
      if (!/^Usage: snippet/u.test(commander.stdout + commander.stderr)) failures.push(`snippet ${args.join(' ')}: commander printed no help`);
      else if (JSON.stringify(fromTable) !== JSON.stringify(commander)) failures.push(`snippet ${args.join(' ')}: ${JSON.stringify({ fromTable, commander })}`);
    }
    expect(failures).toEqual([]);
    expect(forms.length).toBeGreaterThan(40);
  });

  it('prints, for one form of each kind, what the bundled commander prints as a process (stdout, stderr, exit code)', async () => {
    const forms = Object.entries((await helpTable()).forms as Record<string, { stream: string; exitCode: number }>);
    // A kind: the form's shape (`CMD help CMD`, `CMD -h`, ...) with its stream and exit code; every kind is run.
    const kinds = new Map<string, string[]>();
    for (const [key, form] of forms) {
      const args = JSON.parse(key) as string[];
      const shape = args.map((arg) => (arg === 'help' || arg.startsWith('-') ? arg : 'CMD')).join(' ');
      const kind = `${shape} ${form.stream} ${form.exitCode}`;
      if (!kinds.has(kind)) kinds.set(kind, args);
    }
    const failures: string[] = [];
    const queue = [...kinds.values()];
    const worker = async (): Promise<void> => {
      for (let args = queue.shift(); args !== undefined; args = queue.shift()) {
        const [table, commander] = await Promise.all([run(CLI, args), run(COMMANDER, args)]);
        if (!/^Usage: snippet/u.test(commander.stdout + commander.stderr)) failures.push(`snippet ${args.join(' ')}: commander printed no help`);
        else if (JSON.stringify(table) !== JSON.stringify(commander)) failures.push(`snippet ${args.join(' ')}: ${JSON.stringify({ table, commander })}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
    // Both streams and both exit codes, the program's and a subcommand's forms.
    expect(kinds.size).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it.each([[['--help']], [['-h']], [['help']], [[]], [['contacts', 'import', '--help']], [['help', 'send']]])('snippet %j loads no commander', async (args) => {
    const { result, files, commander } = await loadedBy(args);
    expect(result.stdout + result.stderr).toMatch(/^Usage: snippet/u);
    expect(files).toEqual([CLI]);
    expect(commander).toBe(false);
  });

  it("the entry requires nothing but Node's own modules (it is CommonJS, and require() passes no loader hook)", async () => {
    const required = [...(await readFile(CLI, 'utf8')).matchAll(/\brequire\("([^"]+)"\)/gu)].map((match) => match[1]);
    expect(required).toContain('node:fs');
    expect(required.filter((name) => !name?.startsWith('node:'))).toEqual([]);
  });

  it('the record of loaded files is real: --version loads commander', async () => {
    const { result, files, commander } = await loadedBy(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/u) });
    expect(files.length).toBeGreaterThan(1);
    expect(commander).toBe(true);
  });

  it("a terminal of another width gets commander's own wrapping", async () => {
    // `script` gives the CLI a terminal 100 columns wide; the table holds 80.
    const inTerminal = async (cli: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          'script',
          ['-q', '-e', '-c', `stty cols 100 rows 50; ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} --help`, '/dev/null'],
          {
            cwd: ws.dir,
            env: { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC', TERM: 'dumb' },
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(out.replaceAll('\r\n', '\n'));
          else reject(new Error(`script exited ${code}: ${out}`));
        });
        child.stdin.end();
      });
    const [table, commander, piped] = await Promise.all([inTerminal(CLI), inTerminal(COMMANDER), run(CLI, ['--help'])]);
    expect(commander).toMatch(/^Usage: snippet/u);
    expect(commander).not.toBe(piped.stdout);
    expect(table).toBe(commander);
  });
});
