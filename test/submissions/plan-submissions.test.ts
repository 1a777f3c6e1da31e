import { describe, expect, it } from 'vitest';
import { existingItems } from '../../src/submissions/existing-items.js';
import { mapColumns } from '../../src/submissions/map-columns.js';
import type { ExistingItem } from '../../src/submissions/existing-items.js';
import { planSubmissions } from '../../src/submissions/plan-submissions.js';
import type { ResponseResult } from '../../src/submissions/response-to-item.js';
import { responseToItem } from '../../src/submissions/response-to-item.js';
import { parseIssue } from '../../src/issue/parse-issue.js';

const organisations = [
  { id: 'home-start-glasgow-north', name: 'Home-Start Glasgow North', areas: [], services: [], spotlight: true },
  { id: 'home-start-glasgow-south', name: 'Home-Start Glasgow South', areas: [], services: [], spotlight: true },
  { id: 'cafe-stork', name: 'Café Stork', areas: [], services: [], spotlight: true },
  { id: 'barnardos-nurture', name: "Barnardo's Nurture", areas: [], services: [], spotlight: true },
];
const HEADER = [
  'Timestamp',
  'Email Address',
  'What are you sharing?',
  'Title',
  'Link',
  'Summary',
  'Date',
  'Time',
  'Location',
  'Cost',
  'Booking deadline',
  'Funder',
  'Amount',
  'Deadline',
  'Your organisation',
  'Your name',
  'Your email',
];
const context = { organisations, timeZone: 'Europe/London', sendAt: new Date('2027-01-05T09:00:00Z') };

const PUBLISHED = parseIssue(
  `---
subject: December
status: approved
training:
  - title: Infant mental health day
    url: https://www.example.org/imh/?utm_source=snippet
    organisation: cafe-stork
funding:
  - title: Winter grants
    url: https://example.org/winter
    deadline: 2026-12-20
---
`,
  'issues/2026-12.md',
  '2026-12',
);

type Answers = Partial<Record<(typeof HEADER)[number], string>>;

function plan(rows: Answers[]) {
  const { map } = mapColumns(HEADER, {}, 'form.csv');
  const responses = rows.map((answers, index) =>
    responseToItem({ row: index + 2, cells: HEADER.map((h) => ({ text: answers[h] ?? '' })) }, map, { file: 'form.csv', organisations }),
  );
  return planSubmissions(responses, existingItems([PUBLISHED]), { id: '2027-01', context }, 'form.csv');
}

const course = (more: Answers = {}): Answers => ({
  Timestamp: '02/01/2027 10:15:32',
  'What are you sharing?': 'Training or event',
  Title: 'Supporting dads',
  Link: 'https://example.org/dads',
  Date: '21/01/2027',
  Time: '10am-12:30',
  'Your organisation': 'Homestart Glasgow North',
  'Your name': 'Ann Smith',
  'Your email': 'ann@example.org',
  ...more,
});

describe('responseToItem and planSubmissions', () => {
  it('makes an item of a response: dates and times read, organisation matched and credited, submitter kept', () => {
    const result = plan([course({ Cost: '£20', 'Booking deadline': '2027-01-14', Summary: 'A morning.\r\nFor practitioners.' })]);
    expect(result.rejected).toEqual([]);
    expect(result.added).toEqual([
      {
        section: 'training',
        row: 2,
        fields: {
          title: 'Supporting dads',
          url: 'https://example.org/dads',
          date: '2027-01-21',
          time: '10:00',
          end_time: '12:30',
          cost: '£20',
          deadline: '2027-01-14',
          organisation: 'home-start-glasgow-north',
          summary: 'A morning.\nFor practitioners.',
          submitted_by: { name: 'Ann Smith', email: 'ann@example.org', organisation: 'Homestart Glasgow North', submitted: '02/01/2027 10:15:32' },
        },
      },
    ]);
  });

  it('rejects, as FILE:row N with a hint, what a typed item could not be', () => {
    const result = plan([
      course({ Link: 'www.example.org/course' }),
      course({ Title: '', Link: 'https://example.org/2' }),
      course({ Date: '31/02/2027', Link: 'https://example.org/3' }),
      { 'What are you sharing?': 'Funding', Title: 'Closed fund', Link: 'https://example.org/4', Deadline: '01/01/2027' },
      { 'What are you sharing?': 'A poem', Title: 'Ode' },
      { 'What are you sharing?': 'Funding', Title: 'No deadline', Link: 'https://example.org/6' },
      { 'What are you sharing?': 'Funding', Title: 'Two wrongs', Link: 'example.org/7', Deadline: 'soon' },
    ]);
    expect(result.added).toEqual([]);
    const errors = result.rejected.map((r) => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`));
    expect(errors).toEqual([
      ['form.csv:row 2: Link: must be a web address starting with http:// or https://'],
      ['form.csv:row 3: Title: has no answer, and the item needs one'],
      ['form.csv:row 4: Date: "31/02/2027" is not a date'],
      ['form.csv:row 5: Deadline: 2027-01-01 is before the send date 2027-01-05'],
      ['form.csv:row 6: What are you sharing?: "A poem" is not one of the answers'],
      ['form.csv:row 7: Deadline: has no answer, and the item needs one'],
      // Every problem of a row at once; the deadline that is no date is not also "missing".
      ['form.csv:row 8: Deadline: "soon" is not a date', 'form.csv:row 8: Link: must be a web address starting with http:// or https://'],
    ]);
    expect(result.rejected.every((r) => r.problems.every((p) => p.hint))).toBe(true);
    expect(result.rejected[0]!.problems[0]!.hint).toBe(
      "Probably https://www.example.org/course: correct it in the form's results and import again, or add the item by hand.",
    );
  });

  it('skips a response already published (same link after normalising, or same title and organisation), before judging its deadline', () => {
    const result = plan([
      { 'What are you sharing?': 'Training or event', Title: 'Renamed', Link: 'http://example.org/imh#book', 'Your organisation': 'Cafe Stork' },
      { 'What are you sharing?': 'Funding', Title: 'WINTER GRANTS!', Link: 'https://example.org/other', Deadline: '2026-12-20' },
      { 'What are you sharing?': 'Training or event', Title: 'Infant Mental Health Day', Link: 'https://example.org/new', 'Your organisation': 'Café Stork' },
    ]);
    expect(result.duplicates.map((d) => [d.item.row, d.of, d.reason])).toEqual([
      [2, 'issues/2026-12.md:5', 'same link'],
      // The published funding item has no organisation, nor has this response: same title, same (no) organisation.
      [3, 'issues/2026-12.md:9', 'same title and organisation'],
      [4, 'issues/2026-12.md:5', 'same title and organisation'],
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.added).toEqual([]);
  });

  it('skips a response given twice in the same file, and the same response even after the coordinator edited its title', () => {
    const first = plan([
      course(),
      course({ Title: 'Supporting dads (edited)', Link: 'https://example.org/dads-edited' }),
      course({ Timestamp: '03/01/2027 09:00:00' }),
    ]);
    expect(first.added.map((i) => i.row)).toEqual([2]);
    expect(first.duplicates.map((d) => [d.item.row, d.of, d.reason])).toEqual([
      [3, 'row 2', 'same response'],
      [4, 'row 2', 'same link'],
    ]);
  });

  it('credits nobody for an organisation it does not know, and suggests the close ones', () => {
    const result = plan([
      course({ 'Your organisation': 'Home Start Glasgow' }),
      course({ 'Your organisation': 'Barnardos Nurture', Link: 'https://example.org/b', Title: 'B', Timestamp: '02/01/2027 11:00:00' }),
    ]);
    expect(result.added.map((i) => i.fields.organisation)).toEqual([undefined, 'barnardos-nurture']);
    expect(result.warnings).toMatchObject([
      {
        file: 'form.csv:row 2',
        message: 'Your organisation: "Home Start Glasgow" is not a member organisation; the item is credited to no one',
        hint: expect.stringContaining('"Home-Start Glasgow North" (home-start-glasgow-north) or "Home-Start Glasgow South" (home-start-glasgow-south)'),
      },
    ]);
    expect(result.added[0]!.fields.submitted_by).toMatchObject({ organisation: 'Home Start Glasgow' });
  });

  it("leaves out, with a warning, answers that are not part of the item's section", () => {
    const result = plan([{ 'What are you sharing?': 'news', Title: 'New group', Cost: 'Free', Date: '21/01/2027' }]);
    expect(result.added[0]!.fields).toEqual({ title: 'New group' });
    expect(result.warnings.map((w) => w.message)).toEqual(['Date, Cost are not part of a news item and were left out']);
  });
});

describe('Microsoft Forms responses told apart by their Id', () => {
  const header = ['Id', 'Start time', 'Completion time', 'Email', 'Name', 'What are you sharing?', 'Title', 'Link', 'Your name', 'Your email'];
  const row = (id: string, title: string, link: string): string[] => [
    id,
    '11/20/26 09:25:15',
    '11/20/26 09:30:15',
    'anonymous',
    'anonymous',
    'News',
    title,
    link,
    'anonymous',
    'anonymous',
  ];
  const planRows = (rows: string[][], existing = existingItems([PUBLISHED])) => {
    const { map } = mapColumns(header, {}, 'responses.xlsx');
    const responses = rows.map((cells, index) =>
      responseToItem({ row: index + 2, cells: cells.map((text) => ({ text })) }, map, { file: 'responses.xlsx', organisations }),
    );
    return planSubmissions(responses, existing, { id: '2027-01', context }, 'responses.xlsx');
  };

  it('keeps two anonymous responses sent in the same second (regression: the second was "the same response")', () => {
    const result = planRows([row('1', 'Our Saturday group', 'https://example.org/saturday'), row('2', 'A new leaflet', 'https://example.org/leaflet')]);
    expect(result.duplicates).toEqual([]);
    expect(result.added.map((item) => item.fields.title)).toEqual(['Our Saturday group', 'A new leaflet']);
    expect(result.added[1]!.fields.submitted_by).toMatchObject({ response: '2' });
  });

  it('still skips a response imported before, by its Id', () => {
    const first = planRows([row('7', 'Our Saturday group', 'https://example.org/saturday')]);
    const draft = parseIssue(
      `---\nsubject: January\nstatus: draft\nnews:\n  - title: Renamed by the coordinator\n    submitted_by:\n      submitted: ${String((first.added[0]!.fields.submitted_by as Record<string, string>).submitted)}\n      response: 7\n---\n`,
      'issues/2027-01.md',
      '2027-01',
    );
    expect(draft.problems).toEqual([]);
    const again = planRows([row('7', 'Our Saturday group (edited)', 'https://example.org/saturday-group')], existingItems([PUBLISHED, draft]));
    expect(again.added).toEqual([]);
    expect(again.duplicates.map((duplicate) => duplicate.reason)).toEqual(['same response']);
  });
});

describe('what makes two responses the same', () => {
  type By = Record<string, string>;
  let row = 1;
  /** A news response of its own title and link, sent by `by`: only the response keys can make it the same as another. */
  /** `fields` replaces the title and link; an answer given as undefined is left out, as a question not answered is. */
  const sent = (by: By, fields: Record<string, string | undefined> = {}): ResponseResult => {
    row += 1;
    const answers = Object.entries({ title: `Item ${row}`, url: `https://example.org/${row}`, ...fields }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    return {
      row,
      item: { section: 'news', row, fields: { ...Object.fromEntries(answers), submitted_by: by } },
      problems: [],
    };
  };
  const planOf = (responses: ResponseResult[], existing: ExistingItem[] = []) => planSubmissions(responses, existing, { id: '2027-01', context }, 'form.csv');
  const AT = '02/01/2027 10:15:32';

  it.each<[string, By, By, boolean]>([
    [
      'the same email, whatever its case and spaces, at the same time',
      { email: 'Ann@Example.org ', name: 'Ann', submitted: AT },
      { email: 'ann@example.org', name: 'Ann Smith', submitted: AT },
      true,
    ],
    ['the same name, with no email, at the same time', { name: 'Ann Smith', submitted: AT }, { name: 'ann smith', submitted: AT }, true],
    [
      'the same number from the form tool, with spaces around it',
      { response: ' 7 ', submitted: AT },
      { response: '7', submitted: '03/01/2027 09:00:00' },
      true,
    ],
    [
      'the same email at the same time, with a space after the time',
      { email: 'ann@example.org', submitted: `${AT} ` },
      { email: 'ann@example.org', submitted: AT },
      true,
    ],
    ['two names, with no email, at the same time', { name: 'Ann Smith', submitted: AT }, { name: 'Bob Jones', submitted: AT }, false],
    [
      'two names with "anonymous" as the email, at the same time',
      { email: 'anonymous', name: 'Ann Smith', submitted: AT },
      { email: 'anonymous', name: 'Bob Jones', submitted: AT },
      false,
    ],
    ['no email and no name at the same time: two people who did not say who they are', { submitted: AT }, { submitted: AT }, false],
    [
      '"anonymous" for both email and name at the same time',
      { email: 'anonymous', name: 'anonymous', submitted: AT },
      { email: 'anonymous', name: 'Anonymous', submitted: AT },
      false,
    ],
    ['the same email at two times', { email: 'ann@example.org', submitted: AT }, { email: 'ann@example.org', submitted: '02/01/2027 10:15:33' }, false],
  ])('%s: the same response is %s', (_what, first, second, same) => {
    const plan = planOf([sent(first), sent(second)]);
    expect(plan.rejected).toEqual([]);
    expect(plan.duplicates.map((duplicate) => duplicate.reason)).toEqual(same ? ['same response'] : []);
    expect(plan.added).toHaveLength(same ? 1 : 2);
  });

  it('rejects a response with no title, rather than take it for an item with no title in a draft', () => {
    // A draft the coordinator is still writing may hold an item whose title is not typed yet.
    const untitled: ExistingItem = { title: '', submittedBy: { organisation: 'Café Stork' }, where: 'issues/2027-01.md:7' };
    const plan = planOf([sent({ organisation: 'Café Stork' }, { title: undefined })], [untitled]);
    expect(plan.duplicates).toEqual([]);
    expect(plan.rejected.map((rejected) => rejected.problems.map((problem) => problem.message))).toEqual([['Title: has no answer, and the item needs one']]);
  });

  it('names the first place an item already is, when it is in two', () => {
    const existing: ExistingItem[] = [
      { title: 'Winter grants', url: 'https://example.org/winter', where: 'issues/2026-11.md:9' },
      { title: 'Winter grants again', url: 'https://example.org/winter', where: 'issues/2026-12.md:12' },
    ];
    const plan = planOf([sent({}, { url: 'https://example.org/winter' })], existing);
    expect(plan.duplicates.map((duplicate) => [duplicate.of, duplicate.reason])).toEqual([['issues/2026-11.md:9', 'same link']]);
  });
});
