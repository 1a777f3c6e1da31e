#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { formatError, isSnippetError, plain, usageError } from '../errors.js';
import type { Output } from '../output.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createProgram } from './program.js';
import { redact } from './redact.js';
import { ansi, terminalOutput, wantsColor } from './terminal-output.js';

/**
 * The one place the process ends: every command returns or throws, and this
 * maps the outcome to the documented exit codes.
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let exitCode: number = EXIT.ok;
  let output: Output | undefined;
  const color = wantsColor(env, process.stderr);
  const cli: CliContext = {
    env,
    unsubscribeSecret: env.SNIPPET_UNSUBSCRIBE_SECRET || undefined,
    output: () => (output ??= terminalOutput({ color, interactive: process.stdout.isTTY === true && process.stdin.isTTY === true })),
    dir: (command: Command) => workspaceDir(String(command.optsWithGlobals().dir ?? '.')),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = createProgram(cli, version());
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return report(error, color);
  }
}

function report(error: unknown, color: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" only to commander; its message is already printed.
    if (error.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (isSnippetError(error)) {
    process.stderr.write(`${redact(formatError(error, color ? ansi : plain))}\n`);
    return exitCodeOf(error.kind);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${redact(`snippet: internal error: ${message}`)}\n`);
  process.stderr.write('This is a bug in snippet, not in your files. Please report it with the command you ran');
  process.stderr.write(process.env.SNIPPET_DEBUG ? ':\n' : ' (set SNIPPET_DEBUG=1 to see the details).\n');
  if (process.env.SNIPPET_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${redact(error.stack)}\n`);
  return EXIT.problem;
}

/** `--dir`, absolute; a path that exists but is not a folder is a usage error (a missing one is reported by the command). */
function workspaceDir(dir: string): string {
  const absolute = resolve(dir);
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
    throw usageError(`--dir ${dir} is not a folder`, 'Give the workspace folder: the one with snippet.config.yaml in it.');
  }
  return absolute;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

// `snippet spotlight | head` closes the pipe early: stop writing, do not crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.destroy();
  });
}

process.exitCode = await main(process.argv, process.env);
