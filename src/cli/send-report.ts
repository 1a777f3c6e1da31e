import type { RateLimit } from '../config/rate-limit.js';
import { formatRateLimit, UNIT_MS } from '../config/rate-limit.js';
import type { DeliveryPlan, Recipient } from '../delivery/delivery-plan.js';
import type { SendReport } from '../delivery/send-engine.js';
import type { SuppressionFailure } from '../delivery/send-session.js';
import type { IssueStatus } from '../issue/issue.js';
import { formatDuration } from '../time/format-duration.js';
import { describeStop } from '../actions/stop-error.js';

/** Pure: the lines `--dry-run` prints. */
export function describePlan(
  plan: DeliveryPlan,
  details: {
    issue: string;
    subject: string;
    status: IssueStatus;
    schedule: string;
    messageBytes: number;
    rates: readonly RateLimit[];
    connections: number;
    transport: string;
    mode: 'list' | 'test';
  },
): string[] {
  const lines = [
    `[Dry run] ${details.issue}: "${details.subject}"${details.mode === 'test' ? ' (test send)' : ''}`,
    `  status          ${details.status === 'approved' ? 'approved' : 'draft: not sent to the list until it is approved (status: approved)'}`,
    `  scheduled       ${details.schedule}`,
    `  audience        ${plan.audience}`,
    `  to send now     ${plan.send.length}${plan.retrying > 0 ? ` (${plan.retrying} deferred earlier, tried again)` : ''}`,
    `  suppressed      ${plan.suppressed.length}`,
    `  delivered       ${plan.alreadyDelivered} (earlier runs)`,
    `  failed          ${plan.alreadyFailed} (earlier runs)`,
    `  in doubt        ${plan.inDoubt.length}${plan.inDoubt.length > 0 ? ' (not resent without --resend-in-doubt)' : ''}`,
    `  message size    ${(details.messageBytes / 1024).toFixed(1)} KB`,
    `  transport       ${details.transport}, ${details.connections} connection${details.connections === 1 ? '' : 's'}`,
    `  limits          ${details.rates.length > 0 ? details.rates.map(formatRateLimit).join(', ') : 'none'}`,
    `  estimated time  ${formatDuration(estimateDuration(plan.send.length, details.rates))} at the limits${details.rates.length === 0 ? ' (none: as fast as the server takes them)' : ''}`,
  ];
  const day = details.rates.find((r) => r.unit === 'day');
  if (day && plan.send.length > day.count) lines.push(`  note            the day limit allows ${day.count}; the rest go in later runs`);
  if (plan.send.length > 0) {
    lines.push('  first recipients:');
    for (const recipient of plan.send.slice(0, 10)) lines.push(`    ${recipient.email}`);
    if (plan.send.length > 10) lines.push(`    … and ${plan.send.length - 10} more`);
  }
  for (const recipient of plan.inDoubt) lines.push(`  in doubt: ${recipient.email}`);
  lines.push('[Dry run] Nothing was sent.');
  return lines;
}

/** The least time `count` sends take under the limits (ignoring the server's own speed). */
function estimateDuration(count: number, rates: readonly RateLimit[]): number {
  if (count <= 0) return 0;
  return Math.max(0, ...rates.map((rate) => Math.ceil(count / rate.count - 1) * UNIT_MS[rate.unit]));
}

/** Pure: the final report of a run. */
export function describeReport(
  report: SendReport,
  details: {
    issue: string;
    suppressed: number;
    elapsedMs: number;
    bouncesAdded: number;
    earlierInDoubt: readonly Recipient[];
    suppressionFailure?: SuppressionFailure | undefined;
  },
): string[] {
  const inDoubt = report.inDoubt.length + details.earlierInDoubt.length;
  const lines = [
    // "not yet tried", as `snippet status` says of the same recipients: nothing was sent to them.
    `${details.issue}: delivered ${report.delivered.length}, deferred ${report.deferred.length}${report.notAttempted.length > 0 ? `, not yet tried ${report.notAttempted.length}` : ''}, failed ${report.failed.length}, in doubt ${inDoubt}, suppressed ${details.suppressed}; ${formatDuration(details.elapsedMs)}.`,
  ];
  for (const { recipient, reason } of report.failed) lines.push(`  failed: ${recipient.email}: ${reason}`);
  if (details.bouncesAdded > 0)
    lines.push(
      `  ${details.bouncesAdded} ${details.bouncesAdded === 1 ? 'address that does' : 'addresses that do'} not exist added to contacts/suppressions.csv (reason: bounced).`,
    );
  const unsuppressed = details.suppressionFailure;
  if (unsuppressed) {
    const one = unsuppressed.addresses.length === 1;
    lines.push(
      `  ${unsuppressed.addresses.join(', ')} ${one ? 'was' : 'were'} not added to contacts/suppressions.csv: ${unsuppressed.reason}. The next send of this issue adds ${one ? 'it' : 'them'}; or add ${one ? 'it' : 'them'} by hand (reason: bounced).`,
    );
  }
  for (const { recipient, reason } of report.inDoubt) lines.push(`  in doubt: ${recipient.email}: ${reason}`);
  for (const recipient of details.earlierInDoubt) lines.push(`  in doubt: ${recipient.email}: from an earlier run`);
  if (inDoubt > 0) {
    lines.push('  In doubt means the server may have taken the message. They are not sent again unless you run send with --resend-in-doubt.');
  }
  const left = report.deferred.length + report.notAttempted.length;
  if (left > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of report.deferred) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    for (const [reason, count] of reasons) lines.push(`  deferred ${count}: ${reason}`);
    const parts = [
      ...(report.deferred.length > 0 ? [`${report.deferred.length} deferred`] : []),
      ...(report.notAttempted.length > 0 ? [`${report.notAttempted.length} not yet tried`] : []),
    ];
    lines.push(`  ${left} left for the next run (${parts.join(', ')}).`);
  }
  if (report.stop) lines.push(`  stopped: ${describeStop(report.stop)}`);
  return lines;
}
