import type { SendEvent } from '../actions/send-events.js';
import { describeStop } from '../actions/stop-error.js';
import { formatDuration } from '../time/format-duration.js';

/** The running counts of a send, as the progress line shows them. */
export interface SendCounts {
  total: number;
  delivered: number;
  notDelivered: number;
}

/**
 * Pure: a send's events in the desk's plain words, one line each (or none).
 * The CLI words the same events for a terminal (cli/send-printer.ts); this is
 * the desk's own wording, for a coordinator reading a page.
 */
export function sendWords(event: SendEvent): string[] {
  switch (event.type) {
    case 'started': {
      const who = event.mode === 'test' ? 'the test' : `${event.issue} to ${event.count} member${event.count === 1 ? '' : 's'}`;
      return [`Sending ${who} through ${event.route.transport}.`];
    }
    case 'progress': {
      const { event: engine } = event;
      if (engine.type === 'reconnecting') return [`Could not reach the mail server (${engine.reason}); trying again in ${formatDuration(engine.ms)}.`];
      if (engine.type === 'outcome' && engine.result.status === 'failed') return [`Refused for ${engine.recipient.email}: ${engine.result.reason}`];
      return [];
    }
    case 'nothing-to-send': {
      const { plan } = event;
      return [
        `Nothing to send: ${plan.alreadyDelivered} delivered already, ${plan.alreadyFailed} failed, ${plan.inDoubt.length} in doubt, ${plan.suppressed.length} suppressed. Nobody gets it twice.`,
      ];
    }
    case 'declined':
      return ['Nothing was sent: its send time has not come, and “send it now, before then” was not ticked.'];
    case 'report': {
      const { report } = event;
      const inDoubt = report.inDoubt.length + event.plan.inDoubt.length;
      const lines = [
        `Done: ${report.delivered.length} delivered, ${report.failed.length} failed, ${inDoubt} in doubt, ${report.deferred.length + report.notAttempted.length} left for the next run, ${event.plan.suppressed.length} suppressed.`,
      ];
      for (const { recipient, reason } of report.failed) lines.push(`Failed: ${recipient.email}: ${reason}`);
      for (const { recipient, reason } of report.inDoubt) lines.push(`In doubt (the server may have it): ${recipient.email}: ${reason}`);
      if (report.deferred.length + report.notAttempted.length > 0)
        lines.push('The rest go in the next scheduled run (`snippet send --due` from cron), or press Send now again later.');
      if (report.stop) lines.push(`Stopped: ${describeStop(report.stop)}`);
      return lines;
    }
    case 'problems':
      return event.problems.filter((p) => p.severity === 'warning').length > 0 ? ['The issue has warnings: the editor shows them beside their fields.'] : [];
    default:
      return [];
  }
}

/** Pure: the counts after one more event. */
export function countSend(counts: SendCounts, event: SendEvent): SendCounts {
  if (event.type === 'started') return { total: event.count, delivered: 0, notDelivered: 0 };
  if (event.type !== 'progress' || event.event.type !== 'outcome') return counts;
  const delivered = event.event.result.status === 'delivered';
  return { ...counts, delivered: counts.delivered + (delivered ? 1 : 0), notDelivered: counts.notDelivered + (delivered ? 0 : 1) };
}
