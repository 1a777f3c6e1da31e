import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/submissions/form-questions.js';
import { mapColumns } from '../../src/submissions/map-columns.js';

const QUESTION_LIST = Object.values(QUESTIONS).join(', ');

describe('mapColumns, the edges', () => {
  it('skips blank headings, and keeps the first of two "sent at" columns', () => {
    const { map, problems } = mapColumns(['', 'Timestamp', '   ', 'Completion time', 'What are you sharing?', 'Title'], {}, 'form.csv');
    expect(problems).toEqual([]);
    expect(map).toEqual({ questions: { kind: [4], title: [5] }, submitted: 1 });
  });

  it('has no "sent at" column when the form tool gave none, only its other columns (the Id tells responses apart)', () => {
    const { map, problems } = mapColumns(['Id', 'Email', 'What are you sharing?', 'Title'], {}, 'form.csv');
    expect(problems).toEqual([]);
    expect(map).toEqual({ questions: { kind: [2], title: [3] }, response: 0 });
  });

  it("keeps the first of two Id columns as the response's number", () => {
    const { map, problems } = mapColumns(['Id', 'What are you sharing?', 'Title', 'ID'], {}, 'form.csv');
    expect(problems).toEqual([]);
    expect(map).toEqual({ questions: { kind: [1], title: [2] }, response: 0 });
  });

  it('warns of a column nothing like a question with how to map it, and of a very long one without a guess', () => {
    const long = `Please tell us ${'more '.repeat(50)}`;
    const { problems } = mapColumns(['What are you sharing?', 'Title', ' Favourite colour ', long], {}, 'form.csv');
    expect(problems).toEqual([
      {
        severity: 'warning',
        file: 'form.csv',
        message: `column "Favourite colour" is not one of the form's questions; its answers are left out`,
        hint: 'If it answers one of the questions, map it in snippet.config.yaml under submissions.columns, e.g. "Title: Favourite colour".',
      },
      expect.objectContaining({ severity: 'warning', hint: expect.stringMatching(/^If it answers one of the questions/u) }),
    ]);
  });

  it('lists the questions for a submissions.columns key nothing like one', () => {
    const { problems } = mapColumns(['What are you sharing?', 'Title'], { 'Favourite colour': 'Colour' }, 'form.csv');
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'snippet.config.yaml',
        message: 'submissions.columns: "Favourite colour" is not one of the form\'s questions',
        hint: `The questions are: ${QUESTION_LIST}.`,
      },
    ]);
  });

  it('stops on every missing required question, at line 1, saying "none" when the header is empty', () => {
    const { map, problems } = mapColumns(['', ' '], {}, 'form.csv');
    expect(map).toEqual({ questions: {} });
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'form.csv',
        line: 1,
        message: 'no column answers "What are you sharing?"',
        hint: expect.stringMatching(/Columns found: none\.$/u),
      }),
      expect.objectContaining({ severity: 'error', file: 'form.csv', line: 1, message: 'no column answers "Title"' }),
    ]);
  });

  it('names the columns it found as the coordinator sees them: each once, without the spaces around it, one after the other', () => {
    const { problems } = mapColumns(['Timestamp', '  Heading ', '', 'Link'], {}, 'form.csv');
    expect(problems.find((p) => p.severity === 'error')?.hint).toMatch(/Columns found: "Timestamp", "Heading", "Link"\.$/u);
  });

  it('guesses the question a heading with spaces around it meant, as it does without them', () => {
    const { problems } = mapColumns(['What are you sharing?', 'Title', '   Sumary   '], {}, 'form.csv');
    expect(problems).toEqual([
      expect.objectContaining({
        message: 'column "Sumary" is not one of the form\'s questions; its answers are left out',
        hint: expect.stringContaining('Did you mean "Summary"?'),
      }),
    ]);
  });
});
