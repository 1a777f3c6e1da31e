import { exitCodeOf } from '../../src/cli/exit-codes.js';
import { formatError, formatProblem, isSnippetError } from '../../src/errors.js';
import type { Output } from '../../src/output.js';

export interface ActionRun<T> {
  /** The exit code the CLI would end with: `exitCode(result)` when the action returns, its error's when it throws. */
  code: number;
  /** The lines the CLI would print on stdout (info), each ending in a newline. */
  stdout: string;
  /** The lines the CLI would print on stderr (warnings, problems, the error it stopped with), without colour. */
  stderr: string;
  /** What the action returned; undefined when it threw. */
  result: T | undefined;
}

/**
 * Runs an action in this process and shows its outcome as the CLI prints it: Output's lines on stdout and
 * stderr as the terminal output writes them, and a SnippetError as the CLI's one exit point reports it
 * (`file:line: error: message`, its hint, its exit code). Nothing is redacted: a secret in any line shows.
 * Anything else thrown is a bug, and is thrown on.
 */
export async function runAction<T>(action: (out: Output) => Promise<T>, exitCode: (result: T) => number = () => 0): Promise<ActionRun<T>> {
  let stdout = '';
  let stderr = '';
  const out: Output = {
    interactive: false,
    info: (line) => (stdout += `${line}\n`),
    warn: (line) => (stderr += `${line}\n`),
    problems: (problems) => {
      for (const problem of problems) stderr += `${formatProblem(problem)}\n`;
    },
    status: () => undefined,
  };
  try {
    const result = await action(out);
    return { code: exitCode(result), stdout, stderr, result };
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    stderr += `${formatError(error)}\n`;
    return { code: exitCodeOf(error.kind), stdout, stderr, result: undefined };
  }
}
