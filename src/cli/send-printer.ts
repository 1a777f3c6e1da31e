import type { SendDueListener, SendEvent, SendQuestion } from '../actions/send-events.js';
import { formatError } from '../errors.js';
import type { Output } from '../output.js';
import { describeSchedule } from '../time/describe-schedule.js';
import { formatDuration } from '../time/format-duration.js';
import { formatZoned } from '../time/zoned-time.js';
import { recordingOutput } from './recording-output.js';
import { describeDueRun } from './send-due-summary.js';
import { sendProgress } from './send-progress.js';
import { describePlan, describeReport } from './send-report.js';

/**
 * The CLI's wording of a send (`send ISSUE` and `send --due`): each event
 * as lines on `out`, progress as a bar on a terminal. Every line but
 * progress is kept: `log()` is the text of the delivery report.
 */
export function sendPrinter(terminal: Output): SendDueListener {
  const out = recordingOutput(terminal);
  let progress: ReturnType<typeof sendProgress> | undefined;
  // Progress is timed by the send's clock, as the events carry it.
  let at = 0;
  const endProgress = (): void => {
    progress?.done();
    progress = undefined;
  };
  const lines = (event: SendEvent): void => {
    switch (event.type) {
      case 'pretending':
        return out.info(`pretending it is ${local(event.now, event.timeZone)} (--now)`);
      case 'mailbox-read':
        return out.info(mailboxLine(event));
      case 'mailbox-unread':
        out.warn(`warning: the mailbox was not read before sending: ${event.error.message}`);
        return out.warn('  The send goes on with the suppressions as they are; `snippet doctor` checks the mailbox sign-in.');
      case 'skipped':
        return printSkipped(event, out);
      case 'due':
        return out.info(`${event.issue}: due since ${local(event.sendAt, event.timeZone)}${lateness(event.now - event.sendAt.getTime())}`);
      case 'problems':
        return out.problems(event.problems);
      case 'planned': {
        const { preview } = event;
        const schedule = describeSchedule(preview.sendAt, preview.now, preview.timeZone);
        for (const line of describePlan(event.plan, { ...preview, issue: event.issue, schedule })) out.info(line);
        return;
      }
      case 'nothing-to-send': {
        const { plan } = event;
        out.info(
          `${event.issue}: nothing to send (${plan.alreadyDelivered} delivered, ${plan.alreadyFailed} failed, ${plan.inDoubt.length} in doubt, ${plan.suppressed.length} suppressed).`,
        );
        for (const recipient of plan.inDoubt) out.info(`  in doubt: ${recipient.email} (send again only with --resend-in-doubt)`);
        return;
      }
      case 'lifting': {
        const count = event.addresses.length === 1 ? '1 address' : `${event.addresses.length} addresses`;
        return out.info(
          `${event.issue}: ${count} suppressed as bounced by a run the server refused alike ${event.dryRun ? 'would be' : 'will be'} lifted before sending, each recorded in contacts/resubscriptions.csv with the reason.`,
        );
      }
      case 'declined':
        return out.info('Nothing was sent.');
      case 'started':
        out.info(startLine(event));
        progress = sendProgress(out, event.count, () => at, event.timeZone);
        return;
      case 'progress':
        return progress?.onEvent(event.event);
      case 'report':
        endProgress();
        for (const line of describeReport(event.report, {
          issue: event.issue,
          suppressed: event.plan.suppressed.length,
          elapsedMs: event.elapsedMs,
          bouncesAdded: event.bouncesAdded,
          earlierInDoubt: event.plan.inDoubt,
          suppressionFailure: event.suppressionFailure,
        }))
          out.info(line);
        return;
      case 'issue-error':
      case 'locked':
        endProgress();
        for (const line of formatError(event.error).split('\n')) out.warn(line);
        return;
      case 'delivery-report': {
        const { outcome, to } = event;
        if (outcome.sent) return out.info(`delivery report sent to ${to}`);
        if (outcome.waitMs !== undefined) return out.warn(`delivery report not sent: ${outcome.reason} for ${formatDuration(outcome.waitMs)}`);
        return out.warn(outcome.reason === 'interrupted' ? 'delivery report not sent: interrupted' : `delivery report not sent to ${to}: ${outcome.reason}`);
      }
      case 'summary':
        return out.info(describeDueRun(event.outcome, (when) => local(when, event.timeZone)));
    }
  };
  return {
    onEvent: (event) => {
      if ('at' in event) at = event.at;
      lines(event);
    },
    log: () => out.lines.join('\n'),
  };
}

/** The question before a send to the list, as the terminal asks it. */
export function sendQuestionLine(question: SendQuestion): string {
  const members = `${question.members} member${question.members === 1 ? '' : 's'}`;
  const { early } = question;
  return early
    ? `${question.issue} is scheduled for ${describeSchedule(early.sendAt, early.now, early.timeZone)}. Send "${question.subject}" to ${members} now, before then, via ${question.transport}? [y/N] `
    : `Send "${question.subject}" to ${members} via ${question.transport}? [y/N] `;
}

/** The line a send starts with. */
function startLine(event: Extract<SendEvent, { type: 'started' }>): string {
  const { transport, rates } = event.route;
  // Never more connections than messages (the engine opens no more).
  const connections = Math.min(event.route.connections, Math.max(1, event.count));
  return `sending ${event.issue}${event.mode === 'test' ? ' (test)' : ''} to ${event.count} via ${transport}, ${connections} connection${connections === 1 ? '' : 's'}${rates.length > 0 ? `, limits ${rates.map((r) => `${r.count}/${r.unit}`).join(', ')}` : ''}`;
}

function mailboxLine(event: Extract<SendEvent, { type: 'mailbox-read' }>): string {
  const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;
  const parts = [`${plural(event.suppressed, 'address', 'addresses')} ${event.dryRun ? 'would be ' : ''}suppressed`];
  if (event.toConfirm > 0) parts.push(`${plural(event.toConfirm, 'unsubscribe request')} to confirm (\`snippet mailbox\` lists them)`);
  return `mailbox read before sending: ${plural(event.read, 'new message')}, ${parts.join(', ')}`;
}

function printSkipped(event: Extract<SendEvent, { type: 'skipped' }>, out: Output): void {
  const zone = event.timeZone;
  for (const draft of event.drafts) {
    out.warn(
      `warning: ${draft.id} is a draft; its send time ${local(draft.sendAt, zone)} has passed, but only approved issues are sent. Set "status: approved" when it is ready.`,
    );
  }
  for (const stale of event.stale) {
    out.warn(
      `warning: ${stale.id} is approved but its send time ${local(stale.sendAt, zone)} is more than ${Math.round(event.staleAfterMs / 86_400_000)} days ago; it is not sent by surprise. Send it with \`snippet send ${stale.id}\`, or add --include-stale.`,
    );
  }
  for (const broken of event.unreadable) {
    out.problems(broken.problems);
    out.warn(
      `error: ${broken.id} has errors, so whether it is due cannot be told (its scheduled time ${local(broken.sendAt, zone)} has passed). Fix them; \`snippet check ${broken.id}\` lists them.`,
    );
  }
}

/** How late a scheduled run took the issue up: a laptop that was off, a CI run delayed. Under a minute is on time. */
function lateness(ms: number): string {
  return ms < 60_000 ? '' : ` (${formatDuration(ms)} late)`;
}

function local(at: Date, zone: string): string {
  return `${formatZoned(at, zone)} ${zone}`;
}
