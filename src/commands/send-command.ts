import { resolve } from 'node:path';
import type { RateLimit } from '../config/rate-limit.js';
import { addressKey } from '../contacts/member.js';
import { appendSuppressions } from '../contacts/append-suppression.js';
import { planDelivery, type DeliveryPlan, type Recipient } from '../delivery/delivery-plan.js';
import { LedgerFile, readLedger } from '../delivery/ledger-file.js';
import { recipientStates, type SendMode } from '../delivery/ledger-event.js';
import { RateLimiter } from '../delivery/rate-limiter.js';
import { readRateHistory } from '../delivery/read-rate-history.js';
import { acquireSendLock } from '../delivery/send-lock.js';
import { runSendEngine, systemClock, type Clock, type SendReport } from '../delivery/send-engine.js';
import type { Mailer } from '../delivery/send-result.js';
import { smtpSettingsFromEnv, type SmtpEnvironment } from '../delivery/smtp-settings.js';
import { ledgerLabel, ledgerPath, lockPath } from '../delivery/state-paths.js';
import { SnippetError, usageError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { prepareMessageBuilder } from '../mail/message-builder.js';
import type { IssueRenderer } from '../render/issue-renderer.js';
import { childRenderer } from '../render/render-in-child.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { zonedDate } from '../time/zoned-time.js';
import { unsubscribeSecretProblem } from '../unsubscribe/unsubscribe-secret.js';
import type { Output } from './output.js';
import { prepareIssue, requireRendered } from './prepare-issue.js';
import { createMailer } from './smtp-connection-settings.js';
import { STAND_IN_RECIPIENT } from './sample-recipient.js';
import { sendProgress } from './send-progress.js';
import { describePlan, describeReport, describeStop } from './send-report.js';

export interface SendOptions {
  dir: string;
  issue: IssueId;
  dryRun: boolean;
  /** Send only to these addresses, as a test. */
  testTo: string[];
  /** Write .eml files here instead of using SMTP. */
  outbox: string | undefined;
  yes: boolean;
  /** For this run instead of the config's. */
  rates: RateLimit[] | undefined;
  connections: number | undefined;
  resendInDoubt: boolean;
  smtp: SmtpEnvironment;
  unsubscribeSecret: string | undefined;
  /** Asks the user on a terminal; undefined when there is none. */
  confirm: ((question: string) => Promise<boolean>) | undefined;
  signal?: AbortSignal;
  clock?: Clock;
  /** How the issue is rendered; by default in a child process, so MJML's memory is not this process's. */
  render?: IssueRenderer;
  /** Test hook: connect/greeting/socket timeouts in ms. */
  smtpTimeouts?: { connection: number; greeting: number; socket: number };
}

export interface SendOutcome {
  exitCode: 0 | 1 | 75;
  plan: DeliveryPlan;
  report: SendReport | undefined;
}

/**
 * `snippet send`: plan who gets the issue, then send under the lock through
 * the ledger. Exit 1 when anyone failed or is in doubt, 75 when work is left
 * for a later run (a limit, a server that is down, deferrals), else 0.
 */
export async function sendCommand(options: SendOptions, out: Output): Promise<SendOutcome> {
  const clock = options.clock ?? systemClock;
  const mode: SendMode = options.testTo.length > 0 ? 'test' : 'list';
  const ready = requireRendered(await prepareIssue(options.dir, options.issue, options.render ?? childRenderer()));
  const { issue, config, rendered, workspace } = ready;
  out.problems(ready.problems);

  if (mode === 'list' && issue.status !== 'approved') {
    throw new SnippetError(`${issue.id} is a draft: only approved issues are sent to the list`, {
      file: issue.file,
      hint: 'When it is ready, set "status: approved" in its front matter. To see it in your inbox first, use --test-to YOUR@ADDRESS.',
    });
  }
  for (const address of options.testTo) {
    if (!isEmailAddress(address)) throw usageError(`--test-to "${address}" is not an email address`);
  }
  if (config.unsubscribe.url && !options.dryRun) {
    const problem = unsubscribeSecretProblem(options.unsubscribeSecret);
    if (problem) throw problem;
  }

  const path = ledgerPath(options.dir, issue.id, mode);
  const label = ledgerLabel(issue.id, mode);
  const states = recipientStates(await readLedger(path, label));
  const plan: DeliveryPlan =
    mode === 'test'
      ? { send: options.testTo.map((email) => ({ key: addressKey(email), email })), audience: options.testTo.length, suppressed: [], alreadyDelivered: 0, alreadyFailed: 0, inDoubt: [], retrying: 0 }
      : planDelivery({ members: workspace.members, suppressions: workspace.suppressions, lists: issue.lists, ledger: states, resendInDoubt: options.resendInDoubt });

  const outbox = options.outbox === undefined ? undefined : resolve(options.outbox);
  // An outbox is not a mail server: limits apply to it only when given for the run.
  const rates = options.rates ?? (outbox ? [] : config.sending.rates);
  // Never more connections than messages: each would be opened for nothing.
  const connections = Math.min(options.connections ?? config.sending.connections, Math.max(1, plan.send.length));
  const build = prepareMessageBuilder({
    config,
    issueId: issue.id,
    rendered,
    test: mode === 'test',
    unsubscribeSecret: options.unsubscribeSecret ?? (options.dryRun ? 'dry-run' : undefined),
    now: () => new Date(clock.now()),
  });
  const transport = outbox ? `outbox ${outbox}` : describeSmtp(options.smtp, config.smtp.oauth2 !== undefined);

  if (options.dryRun) {
    const sample = plan.send[0] ?? STAND_IN_RECIPIENT;
    const messageBytes = build(sample).raw.length;
    for (const line of describePlan(plan, { issue: issue.id, subject: rendered.subject, messageBytes, rates, connections, transport, mode })) out.info(line);
    return { exitCode: 0, plan, report: undefined };
  }

  if (plan.send.length === 0) {
    out.info(`${issue.id}: nothing to send (${plan.alreadyDelivered} delivered, ${plan.alreadyFailed} failed, ${plan.inDoubt.length} in doubt, ${plan.suppressed.length} suppressed).`);
    for (const recipient of plan.inDoubt) out.info(`  in doubt: ${recipient.email} (send again only with --resend-in-doubt)`);
    return { exitCode: plan.inDoubt.length > 0 ? 1 : 0, plan, report: undefined };
  }

  if (mode === 'list' && !options.yes) {
    if (!options.confirm) {
      throw usageError('sending to the list without a terminal needs --yes', 'Add --yes to confirm (cron lines need it); try --dry-run first to see the plan.');
    }
    const question = `Send "${rendered.subject}" to ${plan.send.length} member${plan.send.length === 1 ? '' : 's'} via ${transport}? [y/N] `;
    if (!(await options.confirm(question))) {
      out.info('Nothing was sent.');
      return { exitCode: 1, plan, report: undefined };
    }
  }

  const lock = await acquireSendLock(lockPath(options.dir), `send ${issue.id}${mode === 'test' ? ' --test-to' : ''}`);
  let mailer: Mailer | undefined;
  let ledger: LedgerFile | undefined;
  try {
    // Before each write the ledger checks the lock is still this run's, so a run whose lock was taken over sends no more.
    const opened = await LedgerFile.open(path, label, { guard: () => lock.check() });
    ledger = opened.ledger;
    // Re-plan under the lock: another run may have finished in the meantime.
    const lockedPlan =
      mode === 'test' ? plan : planDelivery({ members: workspace.members, suppressions: workspace.suppressions, lists: issue.lists, ledger: recipientStates(opened.events), resendInDoubt: options.resendInDoubt });
    const bouncesBefore = await recordBounces(options.dir, opened.events, workspace.suppressions, config.timeZone, clock);

    const used = Math.min(connections, Math.max(1, lockedPlan.send.length));
    mailer = await createMailer({ outbox, smtp: options.smtp, config, workspace: options.dir, connections: used, timeouts: options.smtpTimeouts });
    const limiter = new RateLimiter(rates, await readRateHistory(options.dir, clock.now()));
    await ledger.append({ type: 'run', at: new Date(clock.now()).toISOString(), pid: process.pid, mode, transport: outbox ? 'outbox' : 'smtp' });

    const started = clock.now();
    out.info(`sending ${issue.id}${mode === 'test' ? ' (test)' : ''} to ${lockedPlan.send.length} via ${transport}, ${used} connection${used === 1 ? '' : 's'}${rates.length > 0 ? `, limits ${rates.map((r) => `${r.count}/${r.unit}`).join(', ')}` : ''}`);
    const progress = sendProgress(out, lockedPlan.send.length, () => clock.now());
    const activeLedger = ledger;
    const report = await runSendEngine({
      recipients: lockedPlan.send,
      build: (recipient: Recipient) => build({ email: recipient.email, ...(recipient.name ? { name: recipient.name } : {}) }),
      mailer,
      journal: { append: (event) => activeLedger.append(event) },
      limiter,
      connections: used,
      retry: { attempts: config.sending.retries, firstDelayMs: config.sending.retryDelayMs },
      stopAfterFailures: config.sending.stopAfterFailures,
      maxWaitMs: config.sending.maxWaitMs,
      clock,
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: progress.onEvent,
    });
    progress.done();

    const bounced = report.failed.filter((f) => f.bounced).map((f) => f.recipient);
    const added = await suppressBounces(options.dir, bounced, workspace.suppressions.map((s) => s.key), config.timeZone, clock);
    for (const line of describeReport(report, { issue: issue.id, suppressed: lockedPlan.suppressed.length, elapsedMs: clock.now() - started, bouncesAdded: added + bouncesBefore, earlierInDoubt: lockedPlan.inDoubt })) {
      out.info(line);
    }
    if (report.stop?.kind === 'fatal' || report.stop?.kind === 'ledger') {
      const hint = report.stop.kind === 'ledger' ? report.stop.hint : undefined;
      throw new SnippetError(describeStop(report.stop), { hint: hint ?? 'Nothing is lost: run the same command again once it is fixed; delivered recipients are not sent twice.' });
    }
    const left = report.deferred.length + report.notAttempted.length;
    const exitCode = report.failed.length > 0 || report.inDoubt.length > 0 || lockedPlan.inDoubt.length > 0 ? 1 : left > 0 ? 75 : 0;
    return { exitCode, plan: lockedPlan, report };
  } finally {
    await mailer?.close();
    await ledger?.close();
    await lock.release();
  }
}

/** Appends bounced addresses not yet suppressed; returns how many were added. */
async function suppressBounces(dir: string, bounced: readonly Recipient[], suppressed: readonly string[], timeZone: string, clock: Clock): Promise<number> {
  const known = new Set(suppressed);
  const fresh = bounced.filter((r) => !known.has(r.key));
  const date = zonedDate(new Date(clock.now()), timeZone);
  await appendSuppressions(dir, fresh.map((r) => ({ email: r.email, date, reason: 'bounced' })));
  return fresh.length;
}

/** A run that stopped after a bounce but before suppressing it: suppress it now. */
async function recordBounces(dir: string, events: Awaited<ReturnType<typeof LedgerFile.open>>['events'], suppressions: ReadonlyArray<{ key: string }>, timeZone: string, clock: Clock): Promise<number> {
  const bounced = events.filter((e) => e.type === 'failed' && e.bounced).map((e) => ({ key: (e as { to: string }).to, email: (e as { to: string }).to }));
  return suppressBounces(dir, bounced, suppressions.map((s) => s.key), timeZone, clock);
}

function describeSmtp(env: SmtpEnvironment, oauth2: boolean): string {
  try {
    return `${smtpSettingsFromEnv(env, { oauth2 }).display}${oauth2 ? ' (OAuth2)' : ''}`;
  } catch {
    return 'SMTP (not configured)';
  }
}
