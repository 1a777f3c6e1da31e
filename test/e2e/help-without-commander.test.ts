import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { createProgram } from '../../src/cli/program.js';
import { CLI, ROOT, sampleWorkspace } from '../support/workspace.js';

// `snippet --help` prints a table made at build time (dist/bin/help-table.json)
// instead of loading commander. These tests hold the table to what commander
// itself prints, byte for byte, with the same exit code, on the same stream.

const TABLE = join(ROOT, 'dist/bin/help-table.json');
/** The bundled program behind the entry: always commander. */
const COMMANDER = join(ROOT, 'dist/bin/main.mjs');
const HOOK = join(ROOT, 'test/support/record-modules.mjs');

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
  const never = (): never => {
    throw new Error('no command runs here');
  };
  const cli: CliContext = { env: {}, unsubscribeSecret: undefined, output: never, dir: never, setExitCode: never };
  const paths: string[][] = [];
  const visit = (command: Command, path: string[]): void => {
    paths.push(path);
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(createProgram(cli, '0.0.0'), []);
  return paths;
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

  it('prints, for every form in the table, what commander prints (stdout, stderr, exit code)', async () => {
    const forms = Object.keys((await helpTable()).forms).map((key) => JSON.parse(key) as string[]);
    const failures: string[] = [];
    // A few processes at a time, each form through both paths; the machine has two cores.
    const queue = [...forms];
    const worker = async (): Promise<void> => {
      for (let args = queue.shift(); args !== undefined; args = queue.shift()) {
        const [table, commander] = await Promise.all([run(CLI, args), run(COMMANDER, args)]);
        if (!/^Usage: snippet/u.test(commander.stdout + commander.stderr)) failures.push(`snippet ${args.join(' ')}: commander printed no help`);
        else if (JSON.stringify(table) !== JSON.stringify(commander)) failures.push(`snippet ${args.join(' ')}: ${JSON.stringify({ table, commander })}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
    expect(forms.length).toBeGreaterThan(40);
  }, 120_000);

  it.each([[['--help']], [['-h']], [['help']], [[]], [['contacts', 'import', '--help']], [['help', 'send']]])(
    'snippet %j loads no commander',
    async (args) => {
      const { result, files, commander } = await loadedBy(args);
      expect(result.stdout + result.stderr).toMatch(/^Usage: snippet/u);
      expect(files).toEqual([CLI]);
      expect(commander).toBe(false);
    },
  );

  it('the entry requires nothing but Node\'s own modules (it is CommonJS, and require() passes no loader hook)', async () => {
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

  it('a terminal of another width gets commander\'s own wrapping', async () => {
    // `script` gives the CLI a terminal 100 columns wide; the table holds 80.
    const inTerminal = async (cli: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn('script', ['-q', '-e', '-c', `stty cols 100 rows 50; ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} --help`, '/dev/null'], {
          cwd: ws.dir,
          env: { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC', TERM: 'dumb' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
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
