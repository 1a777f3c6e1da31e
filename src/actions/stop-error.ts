import { formatRateLimit } from '../config/rate-limit.js';
import type { StopReason } from '../delivery/send-engine.js';
import { STATE_DIR } from '../delivery/state-paths.js';
import { SnippetError } from '../errors.js';
import { diskFull } from '../fs/disk-full.js';
import { formatDuration } from '../time/format-duration.js';

/** Why a send stopped, in a sentence that says what happens next. */
export function describeStop(stop: StopReason): string {
  switch (stop.kind) {
    case 'rate-limit':
      return `the sending limit${stop.limit ? ` (${formatRateLimit(stop.limit)})` : ''} is used up for now; the next slot is in ${formatDuration(stop.waitMs)}. Run again later (cron will).`;
    case 'server-down':
      return `the mail server seems down (${stop.reason}). Run again later (cron will).`;
    case 'interrupted':
      return 'interrupted. Run the same command again to carry on.';
    case 'fatal':
      return stop.reason;
    case 'ledger':
      if (stop.hint) return `${stop.reason}; nothing more was sent.`;
      return `the delivery ledger in ${LEDGER_FOLDER} could not be written (${stop.reason}); nothing more was sent.`;
    case 'safety':
      return `safety stop: the server refused ${stop.failures} of the first ${stop.answers} recipients with the same ${stop.code} (the last: ${stop.words}), which looks like the server refusing everyone rather than ${stop.failures} dead addresses. Nothing more was sent; they were not added to suppressions.csv and are tried again by the next run.`;
  }
}

const LEDGER_FOLDER = `${STATE_DIR}/ledger/`;

/** A ledger write refused: nearly always a full disk (the engine names it), else the file size limit. */
const LEDGER_HINT = `${diskFull(LEDGER_FOLDER).hint} If the file size limit was reached instead, raise it (\`ulimit -f unlimited\`). Delivered recipients are not sent twice.`;

/** What to do after a safety stop: the server first, and the flag for when the refusals are real. */
const SAFETY_HINT =
  'Check the mail server and snippet.config.yaml (from.address, the SMTP account): `snippet doctor` tries them without sending. If these addresses really are dead, run the same command with --no-safety-stop.';

/** The stops that need the user to fix something (sign-in, TLS, the ledger, a safety stop), as the error the run ends with; undefined for the others. */
export function stopError(stop: StopReason | undefined): SnippetError | undefined {
  if (stop?.kind === 'safety') return new SnippetError(describeStop(stop), { hint: SAFETY_HINT });
  if (stop?.kind !== 'fatal' && stop?.kind !== 'ledger') return undefined;
  const hint = stop.kind === 'ledger' ? (stop.hint ?? LEDGER_HINT) : undefined;
  return new SnippetError(describeStop(stop), {
    hint: hint ?? 'Nothing is lost: run the same command again once it is fixed; delivered recipients are not sent twice.',
  });
}
