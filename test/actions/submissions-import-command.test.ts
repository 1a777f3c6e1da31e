import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/actions/build-command.js';
import { checkCommand } from '../../src/actions/check-command.js';
import { submissionsImportCommand } from '../../src/actions/submissions-import-command.js';
import type { IssueId } from '../../src/issue/issue.js';
import { googleFormsCsv, windows1252, writeMicrosoftFormsXlsx, type Answer } from '../support/form-exports.js';
import { runAction } from '../support/run-action.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const DRAFT = 'issues/2026-12.md';
/** `snippet submissions import FILE [ISSUE] [--dry-run]` in the workspace, in this process. */
const run = ([file, ...rest]: string[]) =>
  runAction((out) =>
    submissionsImportCommand(
      {
        dir: ws.dir,
        file: join(ws.dir, file!),
        label: file!,
        issue: rest.find((arg) => !arg.startsWith('--')),
        dryRun: rest.includes('--dry-run'),
      },
      out,
    ),
  );
/** `snippet check ISSUE`, in this process: exit 1 when it found errors. */
const check = (issue: IssueId) =>
  runAction(
    (out) => checkCommand({ dir: ws.dir, issue, now: new Date() }, out),
    (result) => (result.errors > 0 ? 1 : 0),
  );

/** The questions in an order of the form's own, not the contract's. */
const QUESTIONS = [
  'Your email',
  'Title',
  'What are you sharing?',
  'Summary',
  'Link',
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
];

const RESPONSES: Array<Record<string, Answer>> = [
  {
    'What are you sharing?': 'Training or event',
    Title: 'Perinatal CBT skills day',
    Link: 'https://example.org/cbt',
    Date: new Date(Date.UTC(2027, 0, 21)),
    Time: '10:00-15:30',
    Location: 'Glasgow',
    Cost: '£20',
    'Booking deadline': '07/01/2027',
    'Your organisation': 'Home Start Glasgow North',
    'Your name': 'Ann Submitter',
    'Your email': 'ann.submitter@example.org',
  },
  {
    'What are you sharing?': 'Research',
    Title: 'Fathers and sleep: a review',
    Link: 'https://example.org/research/sleep',
    Date: '2026-11-02',
    Summary: 'What we found.\nTwo lines.',
    'Your organisation': 'Fathers Network Scotland',
    'Your name': 'Bob Submitter',
    'Your email': 'bob.submitter@example.org',
  },
  // Already in the draft, shared with www., a trailing slash and tracking.
  {
    'What are you sharing?': 'Training or event',
    Title: 'Trauma informed practice',
    Link: 'https://www.example.org/sample/training/trauma-informed-practice/?utm_source=email',
  },
  { 'What are you sharing?': 'Funding', Title: 'A grant', Link: 'not a link', Deadline: new Date(Date.UTC(2027, 1, 1)), 'Your name': 'Cara Submitter' },
  {
    'What are you sharing?': 'News',
    Title: 'Our new Saturday group',
    Summary: 'Drop in from 10am.',
    'Your organisation': 'Café Stork',
    'Your name': 'Dee Submitter',
    'Your email': 'dee.submitter@example.org',
  },
  // Published in November's issue.
  {
    'What are you sharing?': 'Funding',
    Title: 'Community small grants',
    Link: 'https://example.net/sample/funding/community-small-grants',
    Deadline: '15/01/2027',
  },
];

/** True when `before` is still all there in `after`, line for line and in order, with only whole lines added. */
function onlyLinesAdded(before: string, after: string): string[] {
  const old = before.split('\n');
  let next = 0;
  const added: string[] = [];
  for (const line of after.split('\n')) {
    if (next < old.length && line === old[next]) next += 1;
    else added.push(line);
  }
  expect(next).toBe(old.length);
  return added;
}

describe('snippet submissions import', () => {
  it('adds a Microsoft Forms export to the draft: good rows added, duplicates skipped, bad rows rejected with their row; check passes; a second run adds nothing', async () => {
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), QUESTIONS, RESPONSES);
    const before = await ws.read(DRAFT);

    const first = await run(['responses.xlsx']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'issues/2026-12.md from responses.xlsx: 3 added (research 1, training 1, news 1), 2 duplicates skipped (training 1, funding 1), 1 rejected (row 5).',
    );
    expect(first.stdout).toMatch(/duplicate {2}row 4 {2}training: "Trauma informed practice": already at issues\/2026-12\.md:\d+ \(same link\)/u);
    expect(first.stdout).toMatch(/duplicate {2}row 7 {2}funding: "Community small grants": already at issues\/2026-11\.md:\d+ \(same link\)/u);
    expect(first.stdout).toContain('Next: `snippet check 2026-12`, then `snippet preview 2026-12`');
    expect(first.stderr).toContain('responses.xlsx:row 5: error: Link: must be a web address starting with http:// or https://\n  hint:');

    const after = await ws.read(DRAFT);
    const added = onlyLinesAdded(before, after);
    expect(added.join('\n')).toContain('date: 2027-01-21');
    expect(after).toContain(
      '    organisation: home-start-glasgow-north\n    submitted_by:\n      name: Ann Submitter\n      email: ann.submitter@example.org\n      organisation: Home Start Glasgow North\n      submitted: 2026-11-20 09:30:15\n',
    );
    // Appended after the sample issue's own news item.
    expect(after).toMatch(
      /\nnews:\n {2}- title: "New evening drop-in for parents \(sample\)"\n[\s\S]*\n {2}- title: Our new Saturday group\n {4}organisation: cafe-stork\n/u,
    );
    expect(after).not.toContain('A grant');

    const checked = await check('2026-12');
    expect(checked.stderr).not.toMatch(/error/u);
    expect(checked.code).toBe(0);

    const again = await run(['responses.xlsx']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 added, 5 duplicates skipped (research 1, training 2, funding 1, news 1), 1 rejected (row 5).');
    expect(again.stdout).toContain('Nothing to add; issues/2026-12.md is unchanged.');
    expect(await ws.read(DRAFT)).toBe(after);
  });

  it('--dry-run prints what would be added and writes nothing', async () => {
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), QUESTIONS, RESPONSES);
    const before = await stat(join(ws.dir, DRAFT));
    const text = await ws.read(DRAFT);
    const result = await run(['responses.xlsx', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would add  row 2  training: "Perinatal CBT skills day" (home-start-glasgow-north)');
    expect(result.stdout).toContain('[Dry run] issues/2026-12.md from responses.xlsx: 3 would be added (research 1, training 1, news 1)');
    expect(result.stdout).toContain('[Dry run] Nothing written.');
    expect(await ws.read(DRAFT)).toBe(text);
    expect((await stat(join(ws.dir, DRAFT))).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(join(ws.dir, 'issues'))).toEqual(['2026-11.md', '2026-12.md']);
  });

  it("reads a Google Forms CSV with a byte-order mark and CRLF, keeping the draft's comments and every other byte", async () => {
    const draft = (await ws.read(DRAFT)).replace('status: draft\n', "status: draft   # not yet!\n\n# Members' news goes last.\n");
    await ws.write(DRAFT, draft);
    const questions = ['What are you sharing', 'Title:', 'Your organisation', 'LINK', 'Date', 'Time', 'Summary', 'Your name', 'Your email'];
    await ws.write(
      'form.csv',
      `\uFEFF${googleFormsCsv(questions, [
        {
          'What are you sharing': 'Training or event',
          'Title:': 'Baby massage, for practitioners',
          'Your organisation': 'Barnardos Nurture',
          LINK: 'https://example.org/massage',
          Date: '03/02/2027',
          Time: '2-4pm',
          Summary: 'Hands-on, "gentle" and free.\nBring a towel.',
          'Your name': 'Eve',
          'Your email': 'eve@example.org',
        },
        {
          'What are you sharing': 'Training or event',
          'Title:': 'Supporting fathers and partners: practitioner workshop (sample)',
          'Your organisation': 'fathers network scotland',
          LINK: 'https://example.org/another-address',
        },
        { 'What are you sharing': 'Training or event', 'Title:': 'A course', LINK: 'https://example.org/course', Date: '31/02/2027' },
        { 'What are you sharing': 'Research', LINK: 'https://example.org/untitled' },
      ])}`,
    );

    const result = await run(['form.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 added (training 1), 1 duplicate skipped (training 1), 2 rejected (rows 4, 5).');
    expect(result.stdout).toMatch(/row 3 {2}training: .*already at issues\/2026-12\.md:\d+ \(same title and organisation\)/u);
    expect(result.stderr).toContain('form.csv:row 4: error: Date: "31/02/2027" is not a date');
    expect(result.stderr).toContain('form.csv:row 5: error: Title: has no answer, and the item needs one');

    const after = await ws.read(DRAFT);
    onlyLinesAdded(draft, after);
    expect(after).toContain("status: draft   # not yet!\n\n# Members' news goes last.\n");
    expect(after).toContain(
      '  - title: Baby massage, for practitioners\n    url: https://example.org/massage\n    date: 2027-02-03\n    time: "14:00"\n    end_time: "16:00"\n    organisation: barnardos-nurture\n    summary: |-\n      Hands-on, "gentle" and free.\n      Bring a towel.\n',
    );
    expect((await check('2026-12')).code).toBe(0);
  });

  it('reads a CSV saved by Excel in Windows-1252, with ; as separator', async () => {
    const csv =
      'What are you sharing?;Title;Link;Cost;Date;Your organisation;Your name\r\nTraining or event;Mums’ café morning;https://example.org/cafe;£25;21/01/2027;Cafe Stork;Siobhán\r\n';
    await writeFile(join(ws.dir, 'excel.csv'), windows1252(csv));
    const result = await run(['excel.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 added (training 1)');
    const after = await ws.read(DRAFT);
    expect(after).toContain(
      '  - title: Mums’ café morning\n    url: https://example.org/cafe\n    date: 2027-01-21\n    cost: £25\n    organisation: cafe-stork\n    submitted_by:\n      name: Siobhán\n      organisation: Cafe Stork\n',
    );
  });

  it('refuses to change an approved issue (exit 1, and a hint)', async () => {
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), QUESTIONS, RESPONSES);
    const before = await ws.read('issues/2026-11.md');
    const result = await run(['responses.xlsx', '2026-11']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: issues/2026-11.md is approved, and an approved issue is never changed');
    expect(result.stderr).toContain('hint: Content changes need a new approval.');
    expect(await ws.read('issues/2026-11.md')).toBe(before);
  });

  it('refuses a form whose questions do not match, until submissions.columns maps them', async () => {
    await ws.write(
      'form.csv',
      googleFormsCsv(
        ['Type of item', 'Name of the course', 'Web page'],
        [{ 'Type of item': 'Training or event', 'Name of the course': 'Mapped course', 'Web page': 'https://example.org/mapped' }],
      ),
    );
    const before = await ws.read(DRAFT);
    const refused = await run(['form.csv']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('form.csv:1: error: no column answers "What are you sharing?"');
    expect(await ws.read(DRAFT)).toBe(before);

    const config = await ws.read('snippet.config.yaml');
    // The sample config has a submissions: block already: the columns go into it.
    await ws.write(
      'snippet.config.yaml',
      config.replace(
        '\nsubmissions:\n',
        '\nsubmissions:\n  columns:\n    What are you sharing?: Type of item\n    Title: Name of the course\n    Link: Web page\n',
      ),
    );
    const mapped = await run(['form.csv']);
    expect(mapped.code).toBe(0);
    expect(await ws.read(DRAFT)).toContain('  - title: Mapped course\n    url: https://example.org/mapped\n');
  });

  it("never puts the submitter's name or email in email.html, email.txt or the sample message", async () => {
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), QUESTIONS, RESPONSES);
    expect((await run(['responses.xlsx'])).code).toBe(0);
    const build = await runAction((out) =>
      buildCommand({ dir: ws.dir, issue: '2026-12', out: join(ws.dir, 'out/built'), unsubscribeSecret: undefined, now: new Date() }, out),
    );
    expect(build.code).toBe(0);
    for (const name of ['email.html', 'email.txt', 'sample.eml']) {
      const text = await readFile(join(ws.dir, 'out/built', name), 'utf8');
      if (name !== 'sample.eml') expect(text).toContain('Perinatal CBT skills day');
      for (const secret of [
        'Ann Submitter',
        'ann.submitter@example.org',
        'Bob Submitter',
        'bob.submitter@example.org',
        'Dee Submitter',
        'dee.submitter',
        'Home Start Glasgow North',
        '2026-11-20 09:30',
      ]) {
        expect(text, `${name} must not contain ${secret}`).not.toContain(secret);
      }
    }
  });

  it('refuses a draft with errors, naming them, and changes nothing', async () => {
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), QUESTIONS, RESPONSES);
    const broken = (await ws.read(DRAFT)).replace('status: draft\n', 'status: drafted\n');
    await ws.write(DRAFT, broken);
    const result = await run(['responses.xlsx']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/issues\/2026-12\.md:\d+: error: status: must be draft or approved/u);
    expect(result.stderr).toContain('error: nothing imported: fix issues/2026-12.md first');
    expect(await ws.read(DRAFT)).toBe(broken);
  });

  it('says which file it cannot read, without a stack trace', async () => {
    await ws.write('broken.xlsx', 'PK not really a zip');
    const broken = await run(['broken.xlsx']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('broken.xlsx: error: not an Excel workbook (.xlsx) that can be read');
    expect(broken.stderr).not.toMatch(/\n\s+at /u);
    const missing = await run(['nowhere.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read nowhere.csv: no such file');
    // The old binary format, by its name or, renamed, by its OLE signature.
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (const name of ['old-format.xls', 'renamed.csv']) {
      await writeFile(join(ws.dir, name), ole);
      const old = await run([name]);
      expect(old.code).toBe(1);
      expect(old.stderr).toContain(`${name} is an old Excel workbook (.xls), which cannot be read`);
    }
    const folder = await run(['issues']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('cannot read issues: it is a folder');
  });
});
