import type { Problem } from '../errors.js';
import type { Organisation } from '../organisations/organisation.js';
import { closestWord } from '../schema/closest-word.js';
import type { YamlPath } from '../schema/located-yaml.js';
import { zonedDate } from '../time/zoned-time.js';
import { isRolling, ITEM_SECTIONS, type Issue, type SectionName } from './issue.js';

export interface IssueContext {
  organisations: readonly Organisation[];
  timeZone: string;
  /** When the issue goes out (issueSendAt): deadlines and dates are checked against it. */
  sendAt: Date;
  /** Mailing lists that exist in members.csv; undefined when the list could not be read. */
  knownLists?: ReadonlySet<string>;
}

/** Phones show about the first 60 to 70 characters of a subject; beyond this the end may be cut off. */
export const LONG_SUBJECT = 65;

/** Summaries longer than this read badly in an email; the coordinator is warned. */
export const LONG_SUMMARY = 600;

const SECTIONS: readonly SectionName[] = ['research', 'training', 'funding'];

/**
 * Pure: the checks of an issue that need the organisations and the config.
 * Every problem at once, each at the line of the key it is about.
 */
export function validateIssue(issue: Issue, lineOf: (path: YamlPath) => number | undefined, context: IssueContext): Problem[] {
  const problems: Problem[] = [];
  const at = (path: YamlPath, severity: Problem['severity'], message: string, hint?: string): void => {
    problems.push({ severity, file: issue.file, line: lineOf(path), message, ...(hint ? { hint } : {}) });
  };
  const ids = new Set(context.organisations.map((o) => o.id));
  const sendDate = zonedDate(context.sendAt, context.timeZone);

  const subjectLength = [...issue.subject].length;
  if (subjectLength > LONG_SUBJECT) {
    at(
      ['subject'],
      'warning',
      `subject: ${subjectLength} characters; a phone shows about the first 60 to 70`,
      'Put the words that matter first, or shorten it.',
    );
  }
  if (issue.spotlight !== undefined && !ids.has(issue.spotlight)) {
    at(['spotlight'], 'error', `spotlight: no organisation has the id "${issue.spotlight}"`, suggestId(issue.spotlight, context.organisations));
  }
  if (issue.spotlightNote !== undefined && issue.spotlight === undefined) {
    at(['spotlight_note'], 'warning', 'spotlight_note is set but no spotlight organisation is named', 'Add "spotlight: <organisation id>" or remove the note.');
  }
  if (issue.lists?.length === 0) {
    at(
      ['lists'],
      'error',
      'lists: is empty, so the issue would go to nobody',
      'Name the lists it goes to, e.g. [members], or remove lists: to send it to every member.',
    );
  }
  if (context.knownLists && issue.lists) {
    issue.lists.forEach((list, index) => {
      if (!context.knownLists!.has(list)) {
        at(
          ['lists', index],
          'error',
          `lists: no member is in a list called "${list}"`,
          `Lists in contacts/members.csv: ${[...context.knownLists!].sort().join(', ') || 'none'}.`,
        );
      }
    });
  }

  // News from members is optional: only the other sections are missed when empty.
  for (const section of SECTIONS) {
    if (issue[section].length === 0) at([section], 'warning', `${section}: the section is empty and will be left out`);
  }
  for (const section of ITEM_SECTIONS) {
    issue[section].forEach((item, index) => {
      const path = [section, index];
      if (item.organisation !== undefined && !ids.has(item.organisation)) {
        at(
          [...path, 'organisation'],
          'error',
          `${section} item ${index + 1}, organisation: no organisation has the id "${item.organisation}"`,
          suggestId(item.organisation, context.organisations),
        );
      }
      if (item.summary !== undefined && item.summary.length > LONG_SUMMARY) {
        at(
          [...path, 'summary'],
          'warning',
          `${section} item ${index + 1}, summary: ${item.summary.length} characters is long for an email (over ${LONG_SUMMARY})`,
          'Keep the summary to two or three sentences and let the link carry the rest.',
        );
      }
    });
  }

  issue.funding.forEach((item, index) => {
    if (!isRolling(item.deadline) && item.deadline < sendDate) {
      at(
        ['funding', index, 'deadline'],
        'error',
        `funding item ${index + 1}, deadline: ${item.deadline} is before the send date ${sendDate}`,
        'Remove the item, or correct the deadline if it was mistyped.',
      );
    }
  });
  issue.training.forEach((item, index) => {
    if (item.date !== undefined && item.date < sendDate) {
      at(
        ['training', index, 'date'],
        'warning',
        `training item ${index + 1}, date: ${item.date} has already passed on the send date ${sendDate}`,
        'Remove the item unless it is a recording or a repeat.',
      );
    }
    if (item.deadline !== undefined && item.deadline < sendDate) {
      at(
        ['training', index, 'deadline'],
        'warning',
        `training item ${index + 1}, deadline: booking closed on ${item.deadline}, before the send date ${sendDate}`,
      );
    }
    const leftOut = (field: string, value: string, missing: string): void => {
      at(
        ['training', index, field],
        'warning',
        `training item ${index + 1}, ${field}: ${value} is left out of the email: the item has no ${missing}`,
        `Add ${missing}: (or remove ${field}:).`,
      );
    };
    if (item.date === undefined && item.time !== undefined) leftOut('time', `"${item.time}"`, 'date');
    if (item.date === undefined && item.endDate !== undefined) leftOut('end_date', item.endDate, 'date');
    if (item.time === undefined && item.endTime !== undefined) leftOut('end_time', `"${item.endTime}"`, 'time');
    if (item.date !== undefined && item.endDate !== undefined && item.endDate < item.date) {
      at(
        ['training', index, 'end_date'],
        'error',
        `training item ${index + 1}, end_date: ${item.endDate} is before the date ${item.date}`,
        'Correct it: the course ends on or after the day it starts.',
      );
    }
    if (item.time !== undefined && item.endTime !== undefined && (item.endDate === undefined || item.endDate === item.date) && item.endTime <= item.time) {
      at(
        ['training', index, 'end_time'],
        'error',
        `training item ${index + 1}, end_time: ${item.endTime} is not after the time ${item.time}`,
        'Times are HH:MM on a 24-hour clock: 2pm is "14:00".',
      );
    }
  });
  return problems;
}

/** Did-you-mean for an id: the same id or name in another spelling, else the closest id or name. */
function suggestId(written: string, organisations: readonly Organisation[]): string {
  const fold = (value: string): string =>
    value
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]/gu, '');
  const same = organisations.find((o) => fold(o.id) === fold(written) || fold(o.name) === fold(written));
  const byWord = closestWord(
    written,
    organisations.flatMap((o) => [o.id, o.name]),
  );
  const match = same ?? organisations.find((o) => o.id === byWord || o.name === byWord);
  if (match) return `Did you mean "${match.id}"? Write the id, as in contacts/organisations.yaml.`;
  const close = organisations.filter((o) => o.id.includes(written) || written.includes(o.id) || o.id.split('-')[0] === written.split('-')[0]);
  return close.length > 0
    ? `Did you mean ${close
        .slice(0, 3)
        .map((o) => `"${o.id}"`)
        .join(' or ')}? Ids are in contacts/organisations.yaml.`
    : 'Use an id from contacts/organisations.yaml (`snippet spotlight` lists them).';
}
