import type { Config } from '../config/config.js';
import { LedgerFile } from '../delivery/ledger-file.js';
import { RateLimiter } from '../delivery/rate-limiter.js';
import { readRateHistory } from '../delivery/read-rate-history.js';
import { acquireSendLock } from '../delivery/send-lock.js';
import { toOutcome, type Clock } from '../delivery/send-engine.js';
import { isConnectFailure, type Mailer } from '../delivery/send-result.js';
import type { SmtpEnvironment } from '../delivery/smtp-settings.js';
import { lockPath, REPORT_LEDGER_LABEL, reportLedgerPath } from '../delivery/state-paths.js';
import { isSnippetError } from '../errors.js';
import { buildReportMessage } from '../mail/report-message.js';
import type { Mailbox } from '../schema/mailbox.js';
import { formatDuration } from './send-report.js';
import type { SendDueOutcome } from './send-due-summary.js';
import { createMailer } from './smtp-connection-settings.js';

export interface DeliveryReportInput {
  dir: string;
  config: Config;
  to: Mailbox;
  outcome: SendDueOutcome;
  /** The run's log lines: the body of the report. */
  lines: readonly string[];
  outbox: string | undefined;
  smtp: SmtpEnvironment;
  rates: Config['sending']['rates'] | undefined;
  clock: Clock;
  signal?: AbortSignal;
  smtpTimeouts?: { connection: number; greeting: number; socket: number };
}

/**
 * Mails the run's log to the coordinator (`report_to`) after a cron run that
 * sent something. The report is a message like any other to the server: it
 * waits for the sending limits, counts in them (its own ledger is part of the
 * rate history) and is sent under the send lock. When the limits leave no
 * room for it soon (a day cap reached), it is not sent and the log says so.
 */
export async function sendDeliveryReport(input: DeliveryReportInput): Promise<{ sent: boolean; line: string }> {
  const { clock, config } = input;
  const rates = input.rates ?? (input.outbox === undefined ? config.sending.rates : []);
  let lock;
  try {
    lock = await acquireSendLock(lockPath(input.dir), 'delivery report');
  } catch (error) {
    if (isSnippetError(error)) return { sent: false, line: `delivery report not sent: ${error.message}` };
    throw error;
  }
  let mailer: Mailer | undefined;
  let ledger: LedgerFile | undefined;
  try {
    const limiter = new RateLimiter(rates, await readRateHistory(input.dir, clock.now()));
    const wait = limiter.delay(clock.now());
    if (wait > config.sending.maxWaitMs) return { sent: false, line: `delivery report not sent: the sending limit leaves no room for it for ${formatDuration(wait)}` };
    if (wait > 0) await clock.sleep(wait, input.signal);
    if (input.signal?.aborted) return { sent: false, line: 'delivery report not sent: interrupted' };

    const message = buildReportMessage({ from: config.from, to: input.to, subject: reportSubject(input.outcome, config.network.shortName), text: input.lines.join('\n'), date: new Date(clock.now()) });
    const held = lock;
    ledger = (await LedgerFile.open(reportLedgerPath(input.dir), REPORT_LEDGER_LABEL, { guard: () => held.check() })).ledger;
    mailer = await createMailer({ outbox: input.outbox, smtp: input.smtp, config, workspace: input.dir, connections: 1, timeouts: input.smtpTimeouts });
    const channel = await mailer.open();
    if (isConnectFailure(channel)) return { sent: false, line: `delivery report not sent: ${channel.reason}` };
    await ledger.append({ type: 'attempt', at: new Date(clock.now()).toISOString(), to: message.envelope.to, messageId: message.messageId });
    const result = await channel.send(message.envelope, [message.raw]);
    await ledger.append(toOutcome(message.envelope.to, result, new Date(clock.now()).toISOString()));
    return result.status === 'delivered'
      ? { sent: true, line: `delivery report sent to ${input.to.address}` }
      : { sent: false, line: `delivery report not sent to ${input.to.address}: ${result.reason}` };
  } finally {
    await mailer?.close();
    await ledger?.close();
    await lock.release();
  }
}

function reportSubject(outcome: SendDueOutcome, network: string): string {
  const issues = outcome.issues.map((i) => `${i.issue} delivered ${i.delivered}${i.left > 0 ? `, ${i.left} left` : ''}${i.failed + i.inDoubt > 0 ? `, ${i.failed} failed, ${i.inDoubt} in doubt` : ''}`);
  return `${network} snippet delivery report: ${issues.join('; ')}`;
}
