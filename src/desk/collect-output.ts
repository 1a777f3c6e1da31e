import { formatProblem, type Problem } from '../errors.js';
import type { Output } from '../output.js';

/** An Output that keeps every line (problems as `snippet check` prints them) in `lines`, for a page to show. */
export function collectOutput(lines: string[]): Output {
  return {
    info: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    problems: (problems: readonly Problem[]) => problems.forEach((p) => lines.push(formatProblem(p))),
    status: () => undefined,
    interactive: false,
  };
}
