import type { Output } from '../../src/output.js';
import { formatProblem } from '../../src/errors.js';

/** An Output that keeps every line, for in-process command tests. */
export function collectOutput(): Output & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    interactive: false,
    info: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    status: () => undefined,
    problems: (problems) => {
      for (const problem of problems) lines.push(formatProblem(problem));
    },
    text: () => lines.join('\n'),
  };
}
