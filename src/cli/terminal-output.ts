import { formatProblem, plain, type Paint } from '../errors.js';
import type { Output } from '../output.js';
import { redact } from '../config/redact.js';

export interface TerminalOptions {
  color: boolean;
  interactive: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Whether to colour output: a terminal, and NO_COLOR unset (https://no-color.org). */
export function wantsColor(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** ANSI colour for a terminal. */
export const ansi: Paint = (code, text) => `\u001b[${code}m${text}\u001b[0m`;

export function terminalOutput(options: TerminalOptions): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const paint: Paint = options.color ? ansi : plain;
  return {
    interactive: options.interactive,
    status: (line) => {
      if (options.interactive) stderr.write(`\r\u001b[K${redact(line)}`);
    },
    info: (line) => stdout.write(`${redact(line)}\n`),
    warn: (line) => stderr.write(`${redact(line)}\n`),
    problems: (problems) => {
      for (const problem of problems) stderr.write(`${redact(formatProblem(problem, paint))}\n`);
    },
  };
}
