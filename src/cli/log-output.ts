import type { Output } from '../output.js';
import { formatProblem } from '../errors.js';

/**
 * Output for logs (cron): every line not going to a terminal starts with the
 * time it was written, and with `json` the lines all go to stderr so that
 * stdout holds nothing but the JSON.
 */
export function logOutput(out: Output, options: { json: boolean; now?: () => Date }): Output {
  const timestamps = !out.interactive;
  if (!timestamps && !options.json) return out;
  const now = options.now ?? (() => new Date());
  const stamp = (line: string): string =>
    timestamps
      ? `${now()
          .toISOString()
          .replace(/\.\d{3}Z$/u, 'Z')} ${line}`
      : line;
  return {
    interactive: out.interactive,
    info: (line) => (options.json ? out.warn : out.info)(stamp(line)),
    warn: (line) => out.warn(stamp(line)),
    problems: (problems) => {
      for (const problem of problems) for (const line of formatProblem(problem).split('\n')) out.warn(stamp(line));
    },
    status: (line) => out.status(line),
  };
}
