import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { submissionsImportCommand } from '../../src/actions/submissions-import-command.js';
import { collectOutput } from '../support/collect-output.js';
import { writeMicrosoftFormsXlsx } from '../support/form-exports.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('submissions import echoes answers within bounds', () => {
  it('quotes a long answer cut short, once per row, never whole (regression: a 10 KB workbook printed 629 MB)', async () => {
    // Excel's largest cell, shared by every response: small in the workbook, huge if echoed whole.
    const long = `${'Thursday the 21st, '.repeat(1_724)}!`;
    expect(long.length).toBe(32_757);
    const responses = Array.from({ length: 100 }, (_, index) => ({
      'What are you sharing?': 'Training or event',
      Title: `Course ${index}`,
      Link: `https://example.org/course/${index}`,
      Date: long,
      'Your organisation': long,
    }));
    await writeMicrosoftFormsXlsx(join(ws.dir, 'responses.xlsx'), ['What are you sharing?', 'Title', 'Link', 'Date', 'Your organisation'], responses);
    const out = collectOutput();
    await submissionsImportCommand({ dir: ws.dir, file: join(ws.dir, 'responses.xlsx'), label: 'responses.xlsx', issue: undefined, dryRun: true }, out);
    const text = out.text();
    expect(text).toContain(
      '  rejected   row 2  Date: "Thursday the 21st, Thursday the 21st, Thursday the 21st, Thursday the 21st, Thur… (32,757 characters)" is not a date',
    );
    expect(text.length).toBeLessThan(100 * 1_000);
  });
});
