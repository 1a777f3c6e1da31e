#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { formatError, isSnippetError, plain } from '../errors.js';
import type { Output } from '../output.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeOf, exitCodeOfCommander } from './exit-codes.js';
import { loadEnvFile } from './load-env-file.js';
import { createProgram } from './program.js';
import { quietBrokenPipe } from './quiet-broken-pipe.js';
import { redact } from '../config/redact.js';
import { ansi, terminalOutput, wantsColor } from './terminal-output.js';
import { workspaceDir } from './workspace-dir.js';

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
  // The workspace's snippet.env, read by snippet itself: a scheduled run needs no shell to load it.
  program.hook('preAction', (_program, command) => {
    loadEnvFile(resolve(String(command.optsWithGlobals().dir ?? '.')), env);
    cli.unsubscribeSecret = env.SNIPPET_UNSUBSCRIBE_SECRET || undefined;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return report(error, color);
  }
}

function report(error: unknown, color: boolean): number {
  // commander has already printed its message.
  if (error instanceof CommanderError) return exitCodeOfCommander(error);
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

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

quietBrokenPipe();

process.exitCode = await main(process.argv, process.env);
