#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { CONFIG_FILE } from '../config/config.js';
import { formatError, isSnippetError, plain, SnippetError, usageError } from '../errors.js';
import type { Output } from '../output.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeOf, exitCodeOfCommander } from './exit-codes.js';
import { loadEnvFile } from './load-env-file.js';
import { createProgram } from './program.js';
import { quietBrokenPipe } from './quiet-broken-pipe.js';
import { redact } from '../config/redact.js';
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

/**
 * `--dir`, absolute, and a workspace: every command but `init` works on one.
 * Checked here, once, before any command reads or writes, so that a mistyped
 * `--dir` never creates `typo/contacts/suppressions.csv` or confirms an
 * unsubscribe that went nowhere.
 */
function workspaceDir(dir: string): string {
  const absolute = resolve(dir);
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
    throw usageError(`--dir ${dir} is not a folder`, 'Give the workspace folder: the one with snippet.config.yaml in it.');
  }
  if (!existsSync(join(absolute, CONFIG_FILE))) {
    throw new SnippetError(`${dir === '.' ? 'this folder' : dir} is not a snippet workspace: it has no ${CONFIG_FILE}`, {
      hint: existsSync(absolute)
        ? `Run snippet in the workspace folder or give it with --dir; \`snippet init ${dir}\` starts a new workspace here.`
        : `The folder ${absolute} does not exist: check the spelling of --dir, or start a new workspace with \`snippet init ${dir}\`.`,
    });
  }
  return absolute;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

quietBrokenPipe();

process.exitCode = await main(process.argv, process.env);
