import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The bundled CLI, as `npm install` makes and users run it. */
export const CLI = join(ROOT, 'dist/bin/snippet.js');
/** tsc's output of the same entry, one module per source file. */
export const CLI_UNBUNDLED = join(ROOT, 'dist/cli/main.js');

export interface SampleWorkspace {
  dir: string;
  write(file: string, text: string): Promise<void>;
  read(file: string): Promise<string>;
  remove(): Promise<void>;
}

/** A throwaway copy of the repository's sample workspace. */
export async function sampleWorkspace(): Promise<SampleWorkspace> {
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

/**
 * A fresh copy of the sample workspace for every test of the file (or
 * `describe` block) that calls this, removed after each test.
 */
export function useSampleWorkspace(): SampleWorkspace {
  let current: SampleWorkspace | undefined;
  beforeEach(async () => {
    current = await sampleWorkspace();
  });
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  const workspace = (): SampleWorkspace => {
    if (!current) throw new Error('the sample workspace exists only while a test runs');
    return current;
  };
  return {
    get dir() {
      return workspace().dir;
    },
    write: (file, text) => workspace().write(file, text),
    read: (file) => workspace().read(file),
    remove: () => workspace().remove(),
  };
}

/** A line of a stack trace, which a user's mistake must never show. */
export const STACK = /\n\s+at .+:\d+:\d+/u;

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
