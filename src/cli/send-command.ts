import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { RateLimit } from '../config/rate-limit.js';
import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import type { SendMode } from '../delivery/ledger-event.js';
import { systemClock, type Clock, type SendReport } from '../delivery/send-engine.js';
import { runSendSession } from '../delivery/send-session.js';
import { smtpSettingsFromEnv, type SmtpEnvironment } from '../smtp/smtp-settings.js';
import { SnippetError, usageError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { prepareMessageBuilder, type BuiltMessage, type MessageRecipient } from '../mail/message-builder.js';
import type { IssueRenderer } from '../render/issue-renderer.js';
import { childRenderer } from '../render/render-in-child.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { unsubscribeSecretProblem } from '../unsubscribe/unsubscribe-secret.js';
import type { Output } from '../output.js';
import { prepareIssue, requireRendered, type ReadyIssue } from '../actions/prepare-issue.js';
import { createMailer } from '../smtp/create-mailer.js';
import { STAND_IN_RECIPIENT } from '../actions/sample-recipient.js';
import { sendProgress } from './send-progress.js';
import { describePlan, describeReport, describeSchedule, stopError } from './send-report.js';

export interface SendOptions {
  dir: string;
  issue: IssueId;
  dryRun: boolean;
  /** Send only to these addresses, as a test. */
  testTo: string[];
  /** Write .eml files here instead of using SMTP. */
  outbox: string | undefined;
  yes: boolean;
  /** Send to the list before the issue's send_at without asking (`--early`). */
  early?: boolean;
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
 * `snippet send`: check the issue can go, then send it through the send
 * session (lock, ledger, plan, limits, engine), asking first on a terminal,
 * and print the plan, the progress and the report. Exit 1 when anyone failed
 * or is in doubt, 75 when work is left for a later run (a limit, a server
 * that is down, deferrals), else 0.
 */
export async function sendCommand(options: SendOptions, out: Output): Promise<SendOutcome> {
  const clock = options.clock ?? systemClock;
  const mode: SendMode = options.testTo.length > 0 ? 'test' : 'list';
  const ready = requireRendered(await prepareIssue(options.dir, options.issue, options.render ?? childRenderer()));
  const { issue, config, rendered, workspace, sendAt } = ready;
  out.problems(ready.problems);
  const schedule = describeSchedule(sendAt, clock.now(), config.timeZone);
  // Before its time an issue goes to the list only when asked for: an outbox mails nobody.
  const early = mode === 'list' && options.outbox === undefined && clock.now() < sendAt.getTime() && options.early !== true;

  if (mode === 'list' && issue.status !== 'approved' && !options.dryRun) {
    throw new SnippetError(`${issue.id} is a draft: only approved issues are sent to the list`, {
      file: issue.file,
      hint: 'When it is ready, set "status: approved" in its front matter. To see it in your inbox first, use --test-to YOUR@ADDRESS.',
    });
  }
  for (const address of options.testTo) {
    if (!isEmailAddress(address)) throw usageError(`--test-to "${address}" is not an email address`);
  }
  if (early && !options.dryRun && !options.confirm) {
    throw new SnippetError(`${issue.id} is scheduled for ${schedule}: it is not sent to the list before then`, {
      hint: `\`snippet send --due\` (cron) sends it on time. To send it now all the same, add --early; --dry-run shows who would get it.`,
    });
  }
  const build = issueMessages(ready, mode === 'test', options, clock);

  // A test send is a message or two: one connection, not the list's.
  const how = sendTransport(mode === 'test' ? { ...options, connections: 1 } : options, config);
  const { rates, connections, transport } = how;

  // What the run came to when it sent nothing (a dry run, nothing left, or the question answered no).
  let unsent: { exitCode: 0 | 1 } | undefined;
  let progress: ReturnType<typeof sendProgress> | undefined;
  const session = await runSendSession({
    dir: options.dir,
    command: `send ${issue.id}${mode === 'test' ? ' --test-to' : ''}`,
    dryRun: options.dryRun,
    issues: [{ id: issue.id, mode, testTo: options.testTo, lists: issue.lists, prepare: () => Promise.resolve(build) }],
    members: workspace.members,
    suppressions: workspace.suppressions,
    resendInDoubt: options.resendInDoubt,
    ...sessionSettings(options, config, clock, how),
    choose: async (plans) => {
      const plan = plans.get(issue.id)!;
      if (options.dryRun) {
        const sample = plan.send[0] ?? STAND_IN_RECIPIENT;
        const messageBytes = build(sample).raw.length;
        for (const line of describePlan(plan, {
          issue: issue.id,
          subject: rendered.subject,
          status: issue.status,
          schedule,
          messageBytes,
          rates,
          connections,
          transport,
          mode,
        }))
          out.info(line);
        unsent = { exitCode: 0 };
        return [];
      }
      if (plan.send.length === 0) {
        out.info(
          `${issue.id}: nothing to send (${plan.alreadyDelivered} delivered, ${plan.alreadyFailed} failed, ${plan.inDoubt.length} in doubt, ${plan.suppressed.length} suppressed).`,
        );
        for (const recipient of plan.inDoubt) out.info(`  in doubt: ${recipient.email} (send again only with --resend-in-doubt)`);
        unsent = { exitCode: plan.inDoubt.length > 0 ? 1 : 0 };
        return [];
      }
      // Early, --yes answers the ordinary question but not this one: the answer must name the schedule.
      if (mode === 'list' && (!options.yes || early)) {
        if (!options.confirm) {
          throw usageError(
            'sending to the list without a terminal needs --yes',
            'Add --yes to confirm (cron lines need it); try --dry-run first to see the plan.',
          );
        }
        const members = `${plan.send.length} member${plan.send.length === 1 ? '' : 's'}`;
        const question = early
          ? `${issue.id} is scheduled for ${schedule}. Send "${rendered.subject}" to ${members} now, before then, via ${transport}? [y/N] `
          : `Send "${rendered.subject}" to ${members} via ${transport}? [y/N] `;
        if (!(await options.confirm(question))) {
          out.info('Nothing was sent.');
          unsent = { exitCode: 1 };
          return [];
        }
      }
      return [issue.id];
    },
    onStart: (_issue, plan) => {
      out.info(startLine(issue.id, mode, plan.send.length, { transport, connections, rates }));
      progress = sendProgress(out, plan.send.length, () => clock.now(), config.timeZone);
    },
    onEngineEvent: (_issue, event) => progress?.onEvent(event),
  });

  const plan = session.plans.get(issue.id)!;
  const sent = session.issues[0];
  if (!sent) return { exitCode: unsent?.exitCode ?? 0, plan, report: undefined };
  if (sent.status === 'error') throw sent.error;
  progress?.done();
  const { report } = sent;
  for (const line of describeReport(report, {
    issue: issue.id,
    suppressed: plan.suppressed.length,
    elapsedMs: sent.elapsedMs,
    bouncesAdded: sent.bouncesAdded,
    earlierInDoubt: plan.inDoubt,
    suppressionFailure: sent.suppressionFailure,
  })) {
    out.info(line);
  }
  const stopped = stopError(report.stop);
  if (stopped) throw stopped;
  return { exitCode: sent.suppressionFailure ? 1 : sendExitCode(report, plan), plan, report };
}

/**
 * The issue's messages. One-click unsubscribe links are signed: a real send
 * needs the secret, a dry run signs with a stand-in.
 */
export function issueMessages(
  ready: Pick<ReadyIssue, 'issue' | 'config' | 'rendered'>,
  test: boolean,
  options: Pick<SendOptions, 'unsubscribeSecret' | 'dryRun'>,
  clock: Clock,
): (recipient: MessageRecipient) => BuiltMessage {
  const { issue, config, rendered } = ready;
  if (config.unsubscribe.url && !options.dryRun) {
    const problem = unsubscribeSecretProblem(options.unsubscribeSecret);
    if (problem) throw problem;
  }
  return prepareMessageBuilder({
    config,
    issueId: issue.id,
    rendered,
    test,
    unsubscribeSecret: options.unsubscribeSecret ?? (options.dryRun ? 'dry-run' : undefined),
    now: () => new Date(clock.now()),
  });
}

/** Where a send goes and how fast: the options' outbox or SMTP, with the run's limits or the config's. */
export function sendTransport(
  options: Pick<SendOptions, 'outbox' | 'rates' | 'connections' | 'smtp'>,
  config: Config,
): { outbox: string | undefined; rates: readonly RateLimit[]; connections: number; transport: string } {
  const outbox = options.outbox === undefined ? undefined : resolve(options.outbox);
  return {
    outbox,
    // An outbox is not a mail server: limits apply to it only when given for the run.
    rates: options.rates ?? (outbox ? [] : config.sending.rates),
    connections: options.connections ?? config.sending.connections,
    transport: outbox ? `outbox ${outbox}` : describeSmtp(options.smtp, config.smtp.oauth2 !== undefined),
  };
}

/** The session's settings that every send shares: the transport and limits (sendTransport's), retries, clock. */
export function sessionSettings(
  options: Omit<SendOptions, 'issue' | 'testTo' | 'yes' | 'confirm' | 'early'>,
  config: Config,
  clock: Clock,
  how: ReturnType<typeof sendTransport>,
) {
  const { outbox, rates, connections } = how;
  return {
    mailer: () => createMailer({ outbox, smtp: options.smtp, config, workspace: options.dir, connections, timeouts: options.smtpTimeouts }),
    transport: outbox ? ('outbox' as const) : ('smtp' as const),
    rates,
    connections,
    retry: { attempts: config.sending.retries, firstDelayMs: config.sending.retryDelayMs },
    stopAfterFailures: config.sending.stopAfterFailures,
    maxWaitMs: config.sending.maxWaitMs,
    timeZone: config.timeZone,
    clock,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** The line a send starts with. */
export function startLine(issue: IssueId, mode: SendMode, count: number, how: { transport: string; connections: number; rates: readonly RateLimit[] }): string {
  const { transport, rates } = how;
  // Never more connections than messages (the engine opens no more).
  const connections = Math.min(how.connections, Math.max(1, count));
  return `sending ${issue}${mode === 'test' ? ' (test)' : ''} to ${count} via ${transport}, ${connections} connection${connections === 1 ? '' : 's'}${rates.length > 0 ? `, limits ${rates.map((r) => `${r.count}/${r.unit}`).join(', ')}` : ''}`;
}

/** 1 when anyone failed or is in doubt, 75 when work is left for a later run, else 0. */
export function sendExitCode(report: SendReport, plan: DeliveryPlan): 0 | 1 | 75 {
  const left = report.deferred.length + report.notAttempted.length;
  return report.failed.length > 0 || report.inDoubt.length > 0 || plan.inDoubt.length > 0 ? 1 : left > 0 ? 75 : 0;
}

function describeSmtp(env: SmtpEnvironment, oauth2: boolean): string {
  try {
    return `${smtpSettingsFromEnv(env, { oauth2 }).display}${oauth2 ? ' (OAuth2)' : ''}`;
  } catch {
    return 'SMTP (not configured)';
  }
}
