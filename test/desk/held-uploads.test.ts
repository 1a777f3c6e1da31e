import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeldUploads } from '../../src/desk/held-uploads.js';
import { SnippetError } from '../../src/errors.js';

const prefix = `snippet-held-test-${randomBytes(6).toString('hex')}-`;
let held: HeldUploads;

beforeEach(() => {
  held = new HeldUploads(prefix, 'Choose the file.');
});
afterEach(async () => {
  await held.close();
});

/** An upload form's bytes and content type, as a browser sends them. */
async function form(name: string, text: string): Promise<{ body: Buffer; type: string }> {
  const data = new FormData();
  data.set('file', new File([text], name));
  const request = new Request('http://desk.invalid/', { method: 'POST', body: data });
  return { body: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

async function keptFiles(): Promise<string[]> {
  const folders = (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
  return (await Promise.all(folders.map((folder) => readdir(join(tmpdir(), folder))))).flat();
}

describe('uploads held between the dry run and the confirmation', () => {
  it('keeps a checked upload until it is dropped', async () => {
    const { body, type } = await form('members.csv', 'email\nanna@example.org\n');
    const { upload } = await held.hold(body, type, { fallback: 'upload.csv', extension: () => '.csv', extra: {} }, () => Promise.resolve());
    expect(upload.label).toBe('members.csv');
    expect(held.get(upload.key)?.path).toBe(upload.path);
    expect(await keptFiles()).toEqual([`${upload.key}.csv`]);
    await held.drop(upload.key);
    expect(held.get(upload.key)).toBeUndefined();
    expect(await keptFiles()).toEqual([]);
  });

  it('removes at once an upload its dry run rejected: nothing of it stays on disk', async () => {
    const { body, type } = await form('contacts.csv', 'name\nAnna\n');
    const refused = new SnippetError('no email column');
    await expect(held.hold(body, type, { fallback: 'upload.csv', extension: () => '.csv', extra: {} }, () => Promise.reject(refused))).rejects.toBe(refused);
    expect(await keptFiles()).toEqual([]);
  });
});
