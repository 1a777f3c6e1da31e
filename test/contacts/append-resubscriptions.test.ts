import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendResubscriptions, RESUBSCRIPTIONS_FILE } from '../../src/contacts/append-resubscriptions.js';
import { readResubscriptions } from '../../src/contacts/read-resubscriptions.js';
import { SnippetError } from '../../src/errors.js';

const ANN = {
  email: 'ann@example.org',
  suppressedOn: '2026-09-14',
  suppressionReason: 'bounced',
  resubscribedOn: '2026-11-30',
  by: 'Morag',
  reason: 'mailbox fixed',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-resubscriptions-'));
  await mkdir(join(dir, 'contacts'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (data: string | Buffer): Promise<void> => writeFile(join(dir, RESUBSCRIPTIONS_FILE), data);
const read = (): Promise<string> => readFile(join(dir, RESUBSCRIPTIONS_FILE), 'utf8');

describe('appendResubscriptions', () => {
  it('creates the file, and its folder, with its header', async () => {
    await rm(join(dir, 'contacts'), { recursive: true });
    await appendResubscriptions(dir, [ANN]);
    expect(await read()).toBe(
      'email,suppressed_on,suppression_reason,resubscribed_on,by,reason\nann@example.org,2026-09-14,bounced,2026-11-30,Morag,mailbox fixed\n',
    );
  });

  it('keeps the separator and line ends of a file saved from a spreadsheet, so the record reads back (regression: a ; file got a , row and the resubscription was lost)', async () => {
    await write('email;suppressed_on;suppression_reason;resubscribed_on;by;reason\r\nold@example.org;2026-01-01;bounced;2026-02-01;Morag;fixed\r\n');
    await appendResubscriptions(dir, [ANN]);
    expect(await read()).toBe(
      'email;suppressed_on;suppression_reason;resubscribed_on;by;reason\r\nold@example.org;2026-01-01;bounced;2026-02-01;Morag;fixed\r\nann@example.org;2026-09-14;bounced;2026-11-30;Morag;mailbox fixed\r\n',
    );
    expect(await readResubscriptions(dir)).toEqual(
      new Map([
        ['old@example.org', '2026-02-01'],
        ['ann@example.org', '2026-11-30'],
      ]),
    );
  });

  it('writes each value under its own column when the columns were reordered', async () => {
    await write('resubscribed_on,email,by,reason,suppressed_on,suppression_reason\n');
    await appendResubscriptions(dir, [ANN]);
    expect(await read()).toBe(
      'resubscribed_on,email,by,reason,suppressed_on,suppression_reason\n2026-11-30,ann@example.org,Morag,mailbox fixed,2026-09-14,bounced\n',
    );
  });

  it('rewrites a UTF-16 file in UTF-8 rather than append UTF-8 bytes to it', async () => {
    await write(
      Buffer.from(
        '\uFEFFemail,suppressed_on,suppression_reason,resubscribed_on,by,reason\nold@example.org,2026-01-01,bounced,2026-02-01,Zoë,fixed\n',
        'utf16le',
      ),
    );
    await appendResubscriptions(dir, [ANN]);
    expect(await readResubscriptions(dir)).toEqual(
      new Map([
        ['old@example.org', '2026-02-01'],
        ['ann@example.org', '2026-11-30'],
      ]),
    );
    expect(await read()).toMatch(/Zoë,fixed\nann@example\.org,/u);
  });

  it('changes nothing in a file with an unclosed quote, and says where it is', async () => {
    const broken = 'email,suppressed_on,suppression_reason,resubscribed_on,by,reason\nold@example.org,2026-01-01,"bounced\n';
    await write(broken);
    const error = await appendResubscriptions(dir, [ANN]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnippetError);
    expect((error as SnippetError).message).toBe(`nothing changed: ${RESUBSCRIPTIONS_FILE} cannot be read`);
    expect((error as SnippetError).problems).toEqual([expect.objectContaining({ file: RESUBSCRIPTIONS_FILE, line: 2, severity: 'error' })]);
    expect(await read()).toBe(broken);
  });
});
