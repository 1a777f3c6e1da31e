import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach } from 'vitest';
import { tempDirPerTest } from './temp-dir.js';

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

/** A throwaway copy of the repository's sample workspace, in a folder of its own (the caller removes it). */
export async function sampleWorkspace(): Promise<SampleWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-test-'));
  await copySample(dir);
  return workspaceAt(() => dir);
}

/**
 * A fresh copy of the sample workspace for every test of the file (or
 * `describe` block) that calls this, in `tempDirPerTest`'s folder, removed
 * after each test.
 */
export function useSampleWorkspace(): SampleWorkspace {
  const temp = tempDirPerTest('snippet-test-');
  beforeEach(() => copySample(temp.dir));
  return workspaceAt(() => temp.dir);
}

async function copySample(dir: string): Promise<void> {
  for (const part of ['snippet.config.yaml', 'contacts', 'issues', 'templates']) {
    await cp(join(ROOT, part), join(dir, part), { recursive: true });
  }
}

function workspaceAt(folder: () => string): SampleWorkspace {
  return {
    get dir() {
      return folder();
    },
    write: (file, text) => writeFile(join(folder(), file), text),
    read: (file) => readFile(join(folder(), file), 'utf8'),
    remove: () => rm(folder(), { recursive: true, force: true }),
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
