import { parseArgs } from 'node:util';
import { formatError, formatProblem, isSnippetError } from '../errors.js';
import type { Output } from '../output.js';
import { deskCommand, DEFAULT_DESK_PORT } from './start-desk.js';

/**
 * The desk's own process: `snippet desk` (in cli/) starts it with the options
 * it parsed, so that neither front door imports the other. Its one exit.
 */
const { values } = parseArgs({
  options: { dir: { type: 'string', default: '.' }, port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'no-open': { type: 'boolean' } },
});
const out: Output = {
  info: (line) => void process.stdout.write(`${line}\n`),
  warn: (line) => void process.stderr.write(`${line}\n`),
  problems: (problems) => problems.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`)),
  status: () => undefined,
  interactive: false,
};
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
try {
  await deskCommand(
    {
      dir: values.dir,
      port: values.port === undefined ? DEFAULT_DESK_PORT : Number(values.port),
      host: values.host,
      open: values['no-open'] !== true,
      unsubscribeSecret: process.env.SNIPPET_UNSUBSCRIBE_SECRET || undefined,
      // `snippet desk` read the workspace's snippet.env into the environment it started this process with.
      env: process.env,
    },
    out,
    stop.signal,
  );
} catch (error) {
  process.stderr.write(
    `${isSnippetError(error) ? formatError(error) : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
  );
  process.exitCode = 1;
}
