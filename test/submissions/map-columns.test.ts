import { describe, expect, it } from 'vitest';
import { sectionOfAnswer } from '../../src/submissions/form-questions.js';
import { mapColumns } from '../../src/submissions/map-columns.js';

describe('mapColumns', () => {
  it("matches the questions case-insensitively, without a trailing ? or :, in any order, and ignores the form tool's columns", () => {
    const header = [
      'Id',
      'Start time',
      'Completion time',
      'Email',
      'Name',
      'Last modified time',
      'TITLE:',
      '  your organisation ',
      'what are you sharing',
      'Link?',
      'Summary',
    ];
    const { map, problems } = mapColumns(header, {}, 'responses.xlsx');
    expect(problems).toEqual([]);
    expect(map.questions).toEqual({ title: [6], organisation: [7], kind: [8], link: [9], summary: [10] });
    expect(map.submitted).toBe(2);
  });

  it("takes Google Forms' Timestamp as when the response was sent, and ignores Email Address", () => {
    const { map, problems } = mapColumns(['Timestamp', 'Email Address', 'What are you sharing?', 'Title'], {}, 'form.csv');
    expect(problems).toEqual([]);
    expect(map.submitted).toBe(0);
    expect(map.questions).toEqual({ kind: [2], title: [3] });
  });

  it('gives a question asked on several pages of a branching form all its columns', () => {
    const { map } = mapColumns(['What are you sharing?', 'Title', 'Link', 'Title', 'Link'], {}, 'form.csv');
    expect(map.questions.title).toEqual([1, 3]);
    expect(map.questions.link).toEqual([2, 4]);
  });

  it('maps other wording through submissions.columns, which wins over the standard wording', () => {
    const { map, problems } = mapColumns(
      ['Type of item', 'Name of the course', 'Title'],
      { 'What are you sharing?': 'Type of item', Title: 'Name of the course' },
      'form.csv',
    );
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(map.questions).toEqual({ kind: [0], title: [1, 2] });
  });

  it('stops on a missing required question, naming the columns it found', () => {
    const { problems } = mapColumns(['Timestamp', 'Heading', 'Link'], {}, 'form.csv');
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'no column answers "What are you sharing?"',
      'no column answers "Title"',
    ]);
    expect(problems.find((p) => p.severity === 'error')?.hint).toContain('"Heading"');
  });

  it('warns of a column that answers no question, with a did-you-mean', () => {
    const { problems } = mapColumns(['What are you sharing?', 'Title', 'Sumary', 'Phone number'], {}, 'form.csv');
    expect(problems).toMatchObject([
      {
        severity: 'warning',
        file: 'form.csv',
        message: 'column "Sumary" is not one of the form\'s questions; its answers are left out',
        hint: expect.stringContaining('Did you mean "Summary"?'),
      },
      { severity: 'warning', message: expect.stringContaining('"Phone number"') },
    ]);
  });

  it('reports a submissions.columns key that is not a question, in the config', () => {
    const { problems } = mapColumns(['What are you sharing?', 'Title'], { Titel: 'Name' }, 'form.csv');
    expect(problems).toMatchObject([
      {
        severity: 'error',
        file: 'snippet.config.yaml',
        message: 'submissions.columns: "Titel" is not one of the form\'s questions',
        hint: 'Did you mean "Title"?',
      },
    ]);
  });
});

describe('sectionOfAnswer', () => {
  it('reads the four answers in any case, the words people use for them, and Microsoft Forms\' trailing ";"', () => {
    expect(['Research', 'training or event', 'Event', 'FUNDING', 'News from members', 'Training or event;'].map(sectionOfAnswer)).toEqual([
      'research',
      'training',
      'training',
      'funding',
      'news',
      'training',
    ]);
    expect(['Research;News;', 'Poetry', ''].map(sectionOfAnswer)).toEqual([undefined, undefined, undefined]);
  });
});
