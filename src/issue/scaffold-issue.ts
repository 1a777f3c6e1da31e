import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import { organisationProfile } from '../organisations/organisation-profile.js';
import type { SpotlightPick } from '../organisations/pick-spotlight.js';
import { isRolling, type FundingItem, type IssueId, type TrainingItem } from './issue.js';

export interface ScaffoldInput {
  id: IssueId;
  /** The month as readers see it, e.g. "January 2027". */
  month: string;
  subject: string;
  /** Local `YYYY-MM-DDTHH:MM`. */
  sendAt: string;
  /** Why that time, for a comment, e.g. "the first working day, 09:00 Europe/London". */
  sendAtReason: string;
  spotlight: SpotlightPick | undefined;
  /** Items still open, from the issue before; `from` is its month as readers see it. */
  carried: { from: string; training: TrainingItem[]; funding: FundingItem[] };
  /** The network meeting this issue will show, described; undefined when none. */
  meeting: string | undefined;
  /** An issue month as readers see it ("October 2026"), for "first shared in …"; YYYY-MM without it. */
  monthName?: (id: IssueId) => string;
}

const EXAMPLES = {
  research: [
    'title: Title of the paper, report or briefing',
    'url: https://example.org/paper',
    'source: Journal or publisher',
    'published: YYYY-MM-DD',
    'summary: >-',
    '  One or two sentences on what it means for services.',
  ],
  training: [
    'title: Name of the course or event',
    'url: https://example.org/booking',
    'date: YYYY-MM-DD',
    'time: "10:00"                 # optional, with end_time; end_date for several days',
    'location: Online, or the venue',
    'cost: Free',
    'deadline: YYYY-MM-DD          # booking closes (optional)',
    'summary: >-',
    '  Who it is for and what they will learn.',
  ],
  funding: [
    'title: Name of the fund',
    'url: https://example.org/fund',
    'funder: Who offers it',
    'amount: Up to £5,000',
    'deadline: YYYY-MM-DD          # required: applications close, or rolling',
    'summary: >-',
    '  Who can apply and for what.',
  ],
} as const;

/**
 * Pure: the text of a new issue file, YAML front matter a coordinator can
 * edit, with comments where a form would have labels. Empty sections hold a
 * commented example; carried items are real entries marked `carried_from`.
 * The result parses with parseIssue without errors.
 */
export function scaffoldIssue(input: ScaffoldInput): string {
  const lines: string[] = [
    '---',
    `# ${input.month} snippet: DRAFT, started by \`snippet new\`. Fill it in, run`,
    `# \`snippet check ${input.id}\` and set \`status: approved\` only when it is ready`,
    '# to go to every member.',
    `subject: ${scalar(input.subject)}`,
    '# preheader: One line that inboxes show after the subject',
    `send_at: ${input.sendAt}    # ${input.sendAtReason}`,
    'status: draft',
    '',
    ...spotlightLines(input.spotlight),
  ];
  if (input.meeting !== undefined) {
    lines.push(
      '',
      '# This issue shows the next network meeting:',
      `#   ${input.meeting}`,
      '# To leave it out, remove the # from the next line.',
      '# meeting: false',
    );
  }
  const monthName = input.monthName ?? ((id: IssueId) => id);
  lines.push('', ...sectionLines('research', [], input.carried.from, monthName));
  lines.push('', ...sectionLines('training', input.carried.training, input.carried.from, monthName));
  lines.push('', ...sectionLines('funding', input.carried.funding, input.carried.from, monthName));
  lines.push('', '# Below the closing line: your introduction to members, in Markdown.', '---', '');
  return lines.join('\n');
}

function spotlightLines(pick: SpotlightPick | undefined): string[] {
  if (pick === undefined) {
    return ['# spotlight: the id of an organisation in contacts/organisations.yaml', '# (every organisation has left the rotation, so none was picked)'];
  }
  const { organisation, lastFeatured } = pick;
  const why = lastFeatured === undefined ? 'never featured before' : `last featured in ${lastFeatured}`;
  return [
    `# Service spotlight: next in the rotation (${why}).`,
    '# Its profile in contacts/organisations.yaml:',
    ...organisationProfile(organisation).map((line) => `#   ${line}`),
    `spotlight: ${organisation.id}`,
    `# spotlight_note: >-`,
    `#   What ${organisation.name} would like members to know this month (Markdown).`,
  ];
}

function sectionLines(
  section: keyof typeof EXAMPLES,
  carried: ReadonlyArray<TrainingItem | FundingItem>,
  from: string,
  monthName: (id: IssueId) => string,
): string[] {
  const example = EXAMPLES[section].map((line, index) => `  # ${index === 0 ? '- ' : '  '}${line}`);
  if (carried.length === 0) return [`${section}:`, ...example];
  return [
    `${section}:`,
    `  # Still open after the send date, carried forward from ${from}.`,
    '  # Remove any that are full or no longer relevant.',
    ...itemsYaml(carried, monthName).map((line) => `  ${line}`),
    '  # Add more like this:',
    ...example,
  ];
}

/** The issue file's names for fields whose names differ in the code. */
const FILE_KEYS: Record<string, string> = { endDate: 'end_date', endTime: 'end_time', submittedBy: 'submitted_by' };

/**
 * Items as front matter, in the order coordinators read them; summaries as
 * folded blocks. A rolling fund, carried every month, says since when.
 */
function itemsYaml(items: ReadonlyArray<TrainingItem | FundingItem>, monthName: (id: IssueId) => string): string[] {
  const plain = items.map(({ title, url, organisation, carriedFrom, summary, ...fields }) => ({
    title,
    url,
    ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [FILE_KEYS[key] ?? key, value])),
    ...(organisation !== undefined ? { organisation } : {}),
    ...(carriedFrom !== undefined ? { carried_from: carriedFrom } : {}),
    ...(summary !== undefined ? { summary } : {}),
  }));
  const doc = new Document(plain);
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'summary' && isScalar(pair.value)) pair.value.type = Scalar.BLOCK_FOLDED;
    },
  });
  if (isSeq(doc.contents)) {
    doc.contents.items.forEach((node, index) => {
      const item = items[index];
      if (
        isMap(node) &&
        item !== undefined &&
        'deadline' in item &&
        item.deadline !== undefined &&
        isRolling(item.deadline) &&
        item.carriedFrom !== undefined
      ) {
        node.commentBefore = ` Open all year (rolling): first shared in ${monthName(item.carriedFrom)}. Remove it when it closes.`;
      }
    });
  }
  return doc.toString({ lineWidth: 76, minContentWidth: 20 }).trimEnd().split('\n');
}

/** A one-line YAML value, quoted only when it has to be. */
function scalar(value: string): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}
