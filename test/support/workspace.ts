import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The bundled CLI, as `npm install` makes and users run it. */
export const CLI = join(ROOT, 'dist/bin/snippet.js');
/** tsc's output of the same entry, one module per source file. */
export const CLI_UNBUNDLED = join(ROOT, 'dist/cli/main.js');

/** A throwaway copy of the repository's sample workspace. */
export async function sampleWorkspace(): Promise<{ dir: string; write(file: string, text: string): Promise<void>; read(file: string): Promise<string>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-test-'));
  for (const part of ['snippet.config.yaml', 'contacts', 'issues', 'templates']) {
    await cp(join(ROOT, part), join(dir, part), { recursive: true });
  }
  return {
    dir,
    write: (file, text) => writeFile(join(dir, file), text),
    read: (file) => readFile(join(dir, file), 'utf8'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with a clean environment and a time limit. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH ?? '', HOME: options.cwd, TZ: 'UTC', ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}
