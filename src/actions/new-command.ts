import { CONFIG_FILE } from '../config/config.js';
import { hasErrors, SnippetError, sortProblems } from '../errors.js';
import { ABSENT_VERSION, isIssueChangedError, saveIssueText } from '../fs/issue-text.js';
import { carryForward } from '../issue/carry-forward.js';
import { isRolling, type IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';
import { nextSubject } from '../issue/next-subject.js';
import { parseIssue } from '../issue/parse-issue.js';
import { scaffoldIssue } from '../issue/scaffold-issue.js';
import { scheduledSendAt } from '../issue/scheduled-send-at.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { organisationProfile } from '../organisations/organisation-profile.js';
import { pickSpotlight } from '../organisations/pick-spotlight.js';
import { formatDate, formatMonth } from '../render/format-date.js';
import { nextMeeting } from '../render/next-meeting.js';
import { zonedDate } from '../time/zoned-time.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { spotlightHistory } from '../organisations/spotlight-history.js';
import type { Output } from '../output.js';
import { monthAfterLatest, warnUncountedSpotlights } from '../workspace/rotation-context.js';

export interface NewOptions {
  dir: string;
  /** Default: the month after the latest issue, or next month when there is none. */
  issue: IssueId | undefined;
  now: Date;
}

export interface NewResult {
  issue: IssueId;
  file: string;
  sendAt: string;
  spotlight: string | undefined;
  carried: { training: number; funding: number };
}

/**
 * `snippet new`: scaffold next month's issue with the rotation's spotlight and
 * the previous issue's still-open items. Never replaces an existing file.
 */
export async function newCommand(options: NewOptions, out: Output): Promise<NewResult> {
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const { config, organisations } = workspace;
  const blocking = workspace.problems.filter((p) => p.severity === 'error' && (p.file === CONFIG_FILE || p.file === ORGANISATIONS_FILE));
  if (config === undefined || blocking.length > 0) {
    throw new SnippetError('the config and the organisations must be right before a new issue can be started', {
      problems: sortProblems(blocking),
      hint: 'Fix the problems above; `snippet check` lists them all.',
    });
  }

  const id = options.issue ?? monthAfterLatest(workspace.issues, options.now, config.timeZone);
  const file = issueFile(id);
  const exists = (): SnippetError =>
    new SnippetError(`${file} already exists; snippet new never replaces an issue`, {
      hint: `Edit ${file}, or delete it first to start it again. \`snippet new YYYY-MM\` starts another month.`,
    });
  if (workspace.issues.some((issue) => issue.id === id)) throw exists();

  const before = workspace.issues.filter((issue) => issue.id < id);
  const previous = before.at(-1);
  if (previous !== undefined && previous.issue === undefined) {
    throw new SnippetError(`${issueFile(previous.id)} has errors, so its still-open items cannot be carried forward`, {
      problems: sortProblems(previous.problems),
      hint: `Fix them and run snippet new again; \`snippet check ${previous.id}\` lists them.`,
    });
  }
  warnUncountedSpotlights(before.slice(0, -1), out);

  const language = config.language;
  const month = formatMonth(id, language);
  const send = scheduledSendAt(id, config.schedule, config.timeZone);
  const sendDate = zonedDate(send.instant, config.timeZone);
  const spotlight = pickSpotlight(organisations, spotlightHistory(workspace.issues), id);
  const carried = previous?.issue ? carryForward(previous.issue, sendDate) : { training: [], funding: [], left: [] };
  const meeting = nextMeeting(config.meetings, send.instant, config.timeZone, config.meetingsShowWithin);
  const meetingText =
    meeting === undefined
      ? undefined
      : `${formatDate(meeting.date, language)}${meeting.time ? `, ${meeting.time}` : ''}, ${meeting.venue ?? meeting.link ?? 'online'}`;
  const sendDay = config.schedule.sendDay === 'first-working-day' ? 'the first working day' : `day ${config.schedule.sendDay}`;

  const text = scaffoldIssue({
    id,
    month,
    subject: nextSubject(
      previous?.issue ? { subject: previous.issue.subject, month: formatMonth(previous.id, language) } : undefined,
      month,
      config.network.shortName,
    ),
    sendAt: send.text,
    sendAtReason: `${sendDay} at ${config.schedule.sendTime}, ${config.timeZone}`,
    spotlight,
    carried: { from: previous ? formatMonth(previous.id, language) : '', training: carried.training, funding: carried.funding },
    meeting: meetingText,
    monthName: (month) => formatMonth(month, language),
  });
  const check = parseIssue(text, file, id);
  if (hasErrors(check.problems)) throw new Error(`the scaffold of ${file} does not parse: ${check.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
  await saveIssueText(options.dir, file, text, ABSENT_VERSION).catch((error: unknown) => {
    throw isIssueChangedError(error) ? exists() : error;
  });

  out.info(`Wrote ${file}: a draft of the ${month} snippet.`);
  out.info(`  send_at    ${send.text} (${formatDate(sendDate, language)}, ${sendDay} at ${config.schedule.sendTime} ${config.timeZone})`);
  if (spotlight === undefined) {
    out.info('  spotlight  none: every organisation has left the rotation (spotlight: false)');
  } else {
    const why = spotlight.lastFeatured === undefined ? 'never featured before' : `last featured in ${spotlight.lastFeatured}`;
    out.info(`  spotlight  ${spotlight.organisation.name} (${why})`);
  }
  if (previous !== undefined) {
    const count = carried.training.length + carried.funding.length;
    out.info(`  carried    ${count === 0 ? 'nothing' : `${count} item${count === 1 ? '' : 's'}`} still open from ${previous.id}`);
    for (const item of carried.training) out.info(`    training: ${item.title}`);
    for (const item of carried.funding) {
      const when = isRolling(item.deadline)
        ? `open all year, first shared in ${formatMonth(item.carriedFrom ?? previous.id, language)}`
        : `closes ${item.deadline}`;
      out.info(`    funding:  ${item.title} (${when})`);
    }
    for (const item of carried.left) out.info(`    not carried, ${item.section}: ${item.title}: ${item.reason}`);
  }
  if (meetingText !== undefined) out.info(`  meeting    ${meetingText} (shown in this issue)`);
  if (spotlight !== undefined) {
    out.info('');
    out.info(`Spotlight profile (contacts/organisations.yaml):`);
    for (const line of organisationProfile(spotlight.organisation)) out.info(`  ${line}`);
  }
  out.info('');
  out.info('Next:');
  const steps = [
    ...(spotlight
      ? [`Write spotlight_note: what ${spotlight.organisation.name} would like members to know this month.`]
      : ['Choose a spotlight organisation.']),
    'Add research, training and funding items; remove carried ones that are full or closed.',
    `Write your introduction below the closing --- line of ${file}.`,
    `Run \`snippet check ${id}\`, then \`snippet build ${id}\` to see it.`,
    'Set status: approved when it is ready to go to every member.',
  ];
  steps.forEach((step, index) => out.info(`  ${index + 1}. ${step}`));

  return {
    issue: id,
    file,
    sendAt: send.text,
    spotlight: spotlight?.organisation.id,
    carried: { training: carried.training.length, funding: carried.funding.length },
  };
}
