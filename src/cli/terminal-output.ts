import { formatLocation, type Problem } from '../errors.js';
import type { Output } from '../commands/output.js';
import { redact } from './redact.js';

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

export function terminalOutput(options: TerminalOptions): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
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

export function formatProblem(problem: Problem, paint: (code: string, text: string) => string = (_c, t) => t): string {
  const label = problem.severity === 'error' ? paint('31;1', 'error') : paint('33;1', 'warning');
  const head = `${paint('1', formatLocation(problem))}: ${label}: ${problem.message}`;
  return problem.hint ? `${head}\n  ${paint('2', `hint: ${problem.hint}`)}` : head;
}
