import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { exitCodeOf } from '../../src/cli/exit-codes.js';
import { createProgram } from '../../src/cli/program.js';
import { workspaceDir } from '../../src/cli/workspace-dir.js';
import { formatError, isSnippetError } from '../../src/errors.js';
import { collectOutput } from '../support/collect-output.js';
import { STACK } from '../support/workspace.js';

// A send or a mailbox run tunes V8 for the rest of its process: not this test's.
vi.mock('../../src/cli/favour-memory.js', () => ({ favourMemoryOverSpeed: () => undefined }));

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-not-a-workspace-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/**
 * `snippet ARGS` in this process, with the real actions and the CLI's own check of `--dir`
 * (src/cli/workspace-dir.ts, as src/cli/main.ts uses it): what it printed, and the error it stopped with as
 * main.ts prints it, with its exit code. test/e2e/not-a-workspace.test.ts runs the built CLI once the same way.
 */
async function snippet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = collectOutput();
  let code = 0;
  const cli: CliContext = {
    env: { NO_COLOR: '1' },
    unsubscribeSecret: 'x'.repeat(40),
    output: () => out,
    dir: (command: Command) => workspaceDir(String(command.optsWithGlobals().dir ?? '.')),
    setExitCode: (exitCode) => (code = exitCode),
  };
  try {
    await createProgram(cli, '0.0.0-test').parseAsync(args, { from: 'user' });
    return { code, stdout: out.text(), stderr: '' };
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    return { code: exitCodeOf(error.kind), stdout: out.text(), stderr: formatError(error) };
  }
}

describe('a folder that is not a workspace', () => {
  it('a mistyped --dir does not import contacts into it', async () => {
    const typo = join(parent, 'typo');
    const result = await snippet(['--dir', typo, 'contacts', 'import', join(parent, 'nothing.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a snippet workspace/u);
    expect(existsSync(typo)).toBe(false);
  });

  it('is an error for every other command, and leaves an existing empty folder empty', async () => {
    const empty = join(parent, 'empty');
    await mkdir(empty);
    const commands = [
      ['check'],
      ['build'],
      ['new'],
      ['spotlight'],
      ['status'],
      ['doctor'],
      ['send', '--due'],
      ['send', '2026-12', '--dry-run'],
      ['contacts', 'check'],
      ['contacts', 'list'],
      ['contacts', 'unsubscribe', 'a@example.org'],
      ['preview', '--port', '0'],
      ['unsubscribe-server', '--port', '0'],
    ];
    for (const args of commands) {
      const result = await snippet(['--dir', empty, ...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(/not a snippet workspace: it has no snippet\.config\.yaml/u);
      expect(result.stderr).not.toMatch(STACK);
    }
    expect(await readdir(empty)).toEqual([]);
  });
});
