import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendSuppressions } from '../../src/contacts/append-suppression.js';
import { parseSuppressions } from '../../src/contacts/parse-suppressions.js';
import { SnippetError } from '../../src/errors.js';

const FILE = 'contacts/suppressions.csv';
const ANN = { email: 'ann@example.org', date: '2026-11-24', reason: 'unsubscribed' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-append-'));
  await mkdir(join(dir, 'contacts'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (text: string): Promise<void> => writeFile(join(dir, FILE), text);
const read = (): Promise<string> => readFile(join(dir, FILE), 'utf8');

describe('appendSuppressions', () => {
  it('puts each value under its header column (regression: a date;reason;email file got the address in the date column)', async () => {
    await write('date;reason;email\n2026-09-14;bounced;old@example.org\n');
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('date;reason;email\n2026-09-14;bounced;old@example.org\n2026-11-24;unsubscribed;ann@example.org\n');
    expect(parseSuppressions(await read(), FILE).suppressions.map((s) => s.key)).toEqual(['old@example.org', 'ann@example.org']);
  });

  it('finds the email column by the names members.csv knows, and leaves columns it does not know empty', async () => {
    await write('Note,E-mail Address,Date\nx,old@example.org,2026-09-14\n');
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('Note,E-mail Address,Date\nx,old@example.org,2026-09-14\n,ann@example.org,2026-11-24\n');
  });

  it('keeps a ; separator, quoting a value that holds one', async () => {
    await write('email;date;reason\n');
    await appendSuppressions(dir, [{ ...ANN, reason: 'asked; by phone' }]);
    expect(await read()).toBe('email;date;reason\nann@example.org;2026-11-24;"asked; by phone"\n');
  });

  it('keeps CRLF line ends', async () => {
    await write('email,date,reason\r\nold@example.org,2026-09-14,bounced\r\n');
    await appendSuppressions(dir, [ANN, { ...ANN, email: 'bob@example.org' }]);
    expect(await read()).toBe(
      'email,date,reason\r\nold@example.org,2026-09-14,bounced\r\nann@example.org,2026-11-24,unsubscribed\r\nbob@example.org,2026-11-24,unsubscribed\r\n',
    );
  });

  it('keeps CR-only line ends, starting a new line when the file has no trailing line end', async () => {
    await write('email,date,reason\rold@example.org,2026-09-14,bounced');
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('email,date,reason\rold@example.org,2026-09-14,bounced\rann@example.org,2026-11-24,unsubscribed\r');
    expect(parseSuppressions(await read(), FILE).suppressions.map((s) => s.line)).toEqual([2, 3]);
  });

  it('starts a new line when an LF file has no trailing line end', async () => {
    await write('email,date,reason\nold@example.org,2026-09-14,bounced');
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('email,date,reason\nold@example.org,2026-09-14,bounced\nann@example.org,2026-11-24,unsubscribed\n');
  });

  it('creates a missing file, and its folder, with the header email,date,reason', async () => {
    await rm(join(dir, 'contacts'), { recursive: true });
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('email,date,reason\nann@example.org,2026-11-24,unsubscribed\n');
  });

  it('does not separate by a comma inside a quoted header name', async () => {
    await write('"reason, if any";email;date\n');
    await appendSuppressions(dir, [ANN]);
    expect(await read()).toBe('"reason, if any";email;date\n;ann@example.org;2026-11-24\n');
  });

  it('adds nothing to a file with an unclosed quote, and says where it is', async () => {
    const broken = 'email,date,reason\nold@example.org,2026-09-14,"bounced\n';
    await write(broken);
    const error = await appendSuppressions(dir, [ANN]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnippetError);
    expect((error as SnippetError).problems).toEqual([expect.objectContaining({ file: FILE, line: 2, severity: 'error' })]);
    expect(await read()).toBe(broken);
  });

  it('adds nothing to a file whose header has no email column', async () => {
    await write('date,reason\n');
    await expect(appendSuppressions(dir, [ANN])).rejects.toThrow(/no email column/u);
    expect(await read()).toBe('date,reason\n');
  });

  it('says what failed, and that nothing was added, when the file cannot be written', async () => {
    await rm(join(dir, 'contacts'), { recursive: true });
    await writeFile(join(dir, 'contacts'), 'a file where the folder should be\n');
    const error = await appendSuppressions(dir, [ANN]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnippetError);
    expect((error as SnippetError).message).toMatch(/^could not (read|write) contacts\/suppressions\.csv \((ENOTDIR|EEXIST)\); nothing was added$/u);
  });

  it('appends again with the layout of its last append, and reads the file again once someone else changed it', async () => {
    const BEN = { email: 'ben@example.org', date: '2026-11-25', reason: 'bounced' };
    const CY = { email: 'cy@example.org', date: '2026-11-26', reason: 'complained' };
    await write('date;reason;email\r\n2026-09-14;bounced;old@example.org\r\n');
    const layout = await appendSuppressions(dir, [ANN]);
    expect(layout).toMatchObject({ delimiter: ';', newline: '\r\n' });
    // Unchanged since: written in the same layout without being read.
    const next = await appendSuppressions(dir, [BEN], layout);
    expect(await read()).toBe(
      'date;reason;email\r\n2026-09-14;bounced;old@example.org\r\n2026-11-24;unsubscribed;ann@example.org\r\n2026-11-25;bounced;ben@example.org\r\n',
    );
    expect(next!.stamp).not.toBe(layout!.stamp);
    // Saved again from a spreadsheet, in another layout: the layout of the last append no longer holds.
    await write('email,date,reason\nold@example.org,2026-09-14,bounced\nann@example.org,2026-11-24,unsubscribed\nben@example.org,2026-11-25,bounced');
    await appendSuppressions(dir, [CY], next);
    expect(await read()).toBe(
      'email,date,reason\nold@example.org,2026-09-14,bounced\nann@example.org,2026-11-24,unsubscribed\nben@example.org,2026-11-25,bounced\ncy@example.org,2026-11-26,complained\n',
    );
  });
});
