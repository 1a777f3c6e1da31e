import { formatProblem } from '../errors.js';
import type { Output } from '../output.js';

/** An Output that passes everything on and keeps a copy of each line (not progress), e.g. for a report by mail. */
export function recordingOutput(out: Output): Output & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    get interactive() {
      return out.interactive;
    },
    info: (line) => {
      lines.push(line);
      out.info(line);
    },
    warn: (line) => {
      lines.push(line);
      out.warn(line);
    },
    problems: (problems) => {
      for (const problem of problems) lines.push(...formatProblem(problem).split('\n'));
      out.problems(problems);
    },
    status: (line) => out.status(line),
  };
}
