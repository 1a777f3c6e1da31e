import { once } from 'node:events';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { parseConfig } from '../config/parse-config.js';
import { appendSuppressions } from '../contacts/append-suppression.js';
import { withContactsLock } from '../contacts/contacts-lock.js';
import { addressKey, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { parseSuppressions } from '../contacts/parse-suppressions.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import { contactsLockPath } from '../delivery/state-paths.js';
import { hasErrors, SnippetError } from '../errors.js';
import { zonedDate } from '../time/zoned-time.js';
import { startUnsubscribeServer, type RunningServer, type SuppressionStore } from '../unsubscribe/start-unsubscribe-server.js';
import { readText } from '../workspace/read-workspace-files.js';
import type { Output } from '../output.js';
import { unsubscribeSecretProblem } from '../unsubscribe/unsubscribe-secret.js';

export interface UnsubscribeServerCommandOptions {
  dir: string;
  host: string;
  port: number;
  trustProxy: boolean;
  secret: string | undefined;
  /** Aborted on SIGINT or SIGTERM: the server stops and the command returns. */
  signal: AbortSignal;
  /** Called once the server listens (tests learn the port from it). */
  onListening?: (server: RunningServer) => void;
}

export const DEFAULT_UNSUBSCRIBE_PATH = '/unsubscribe';
export const UNSUBSCRIBE_REASON = 'unsubscribed (one-click)';

/** `snippet unsubscribe-server`: the one-click unsubscribe endpoint, until stopped. */
export async function unsubscribeServerCommand(options: UnsubscribeServerCommandOptions, out: Output): Promise<void> {
  // The same key that signs the links when sending; without it no link can be checked.
  const secret = options.secret;
  const problem = unsubscribeSecretProblem(secret);
  if (problem || secret === undefined) throw problem ?? new SnippetError('SNIPPET_UNSUBSCRIBE_SECRET is not set');
  // The config only: the server never looks at the mailing list itself.
  const configText = await readText(join(options.dir, CONFIG_FILE), CONFIG_FILE);
  const config = configText === undefined ? undefined : parseConfig(configText, CONFIG_FILE).config;
  if (!config)
    throw new SnippetError('snippet.config.yaml is missing or has errors', { file: 'snippet.config.yaml', hint: 'Run `snippet check` to see them.' });
  const configured = config.unsubscribe.url;
  const path = configured ? new URL(configured).pathname : DEFAULT_UNSUBSCRIBE_PATH;
  const timeZone = config.timeZone;

  // Read afresh for every unsubscribe, under the contacts lock: the coordinator, an import or a resubscribe may have changed the file.
  const store: SuppressionStore = {
    suppress: (email) =>
      withContactsLock(
        contactsLockPath(options.dir),
        async () => {
          const key = addressKey(email);
          const csv = await readCsvFile(join(options.dir, SUPPRESSIONS_FILE), SUPPRESSIONS_FILE);
          const parsed = csv === undefined ? undefined : parseSuppressions(csv.text, SUPPRESSIONS_FILE);
          // Appending to a file that cannot be read could land the row inside an open quote: refuse, so the page says "try again".
          if (parsed && hasErrors(parsed.problems))
            throw new SnippetError(`${SUPPRESSIONS_FILE} has errors; run \`snippet contacts check\``, { problems: parsed.problems });
          if (parsed?.suppressions.some((s) => s.key === key)) return 'already';
          await appendSuppressions(options.dir, [{ email: key, date: zonedDate(new Date(), timeZone), reason: UNSUBSCRIBE_REASON }]);
          return 'added';
        },
        { waitMs: 5_000 },
      ),
  };
  const server = await startUnsubscribeServer({
    host: options.host,
    port: options.port,
    path,
    secret,
    networkName: config.network.name,
    store,
    trustProxy: options.trustProxy,
    ratePerMinute: 10,
    log: (line) => out.info(line),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new SnippetError(`cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`, {
      hint: error.code === 'EADDRINUSE' ? 'Another program uses that port; choose another with --port.' : 'Check --host and --port.',
    });
  });
  out.info(
    `Unsubscribe server listening on http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${server.port}${path} (${configured ? `for ${configured}` : 'no unsubscribe.url configured'}). Stop it with Ctrl-C.`,
  );
  options.onListening?.(server);
  if (!options.signal.aborted) await once(options.signal, 'abort');
  await server.close();
  out.info('Unsubscribe server stopped.');
}
