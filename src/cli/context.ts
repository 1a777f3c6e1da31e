import type { Command } from 'commander';
import type { Output } from '../output.js';

/** What every command's CLI wiring receives: the output and a way to read global options. */
export interface CliContext {
  output(): Output;
  /** The workspace folder (`--dir`, default the current folder), absolute. */
  dir(command: Command): string;
  env: NodeJS.ProcessEnv;
  /** SNIPPET_UNSUBSCRIBE_SECRET; undefined when unset or empty. */
  unsubscribeSecret: string | undefined;
  /** The exit code the command asks for (0 unless set). */
  setExitCode(code: number): void;
}
