import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { contactsImportCommand } from '../actions/contacts-import-command.js';
import { SnippetError } from '../errors.js';
import { collectOutput } from './collect-output.js';

/** A members export of thousands of rows is well under a megabyte. */
export const MEMBERS_UPLOAD_LIMIT = 4 * 1024 * 1024;

/** What the dry run of an uploaded members CSV said, and the key to confirm it. */
export interface MembersDryRun {
  key: string;
  label: string;
  lines: string[];
  /** New and updated members: what confirming would write. */
  changes: number;
}

/**
 * Members' CSVs uploaded at the desk, kept in a private temporary folder
 * between the dry run she reads and her confirmation, then removed; nothing
 * of them is ever served. The import is the CLI's (`snippet contacts import`).
 */
export class MembersUploads {
  private folder: Promise<string> | undefined;
  private readonly uploads = new Map<string, { path: string; label: string }>();

  async dryRun(dir: string, body: Buffer, contentType: string): Promise<MembersDryRun> {
    const form = await new Request('http://desk.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: Uint8Array.from(body),
    }).formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      throw new SnippetError('no file was chosen', { hint: 'Choose the CSV of members (columns email, name, organisation, lists), e.g. saved from Excel.' });
    }
    const key = randomBytes(12).toString('hex');
    const label = basename(file.name) || 'members.csv';
    this.folder ??= mkdtemp(join(tmpdir(), 'snippet-desk-members-'));
    const path = join(await this.folder, `${key}.csv`);
    await writeFile(path, Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
    this.uploads.set(key, { path, label });
    const lines: string[] = [];
    const summary = await contactsImportCommand({ dir, file: path, label, list: undefined, dryRun: true }, collectOutput(lines));
    return { key, label, lines, changes: summary.added + summary.updated };
  }

  /** Writes the members of a checked upload, as its dry run said (planned again against members.csv as it is now). */
  async confirm(dir: string, key: string): Promise<string[]> {
    const upload = this.uploads.get(key);
    if (!upload) throw new SnippetError('that upload is no longer here', { hint: 'Choose the file again and check it.' });
    const lines: string[] = [];
    await contactsImportCommand({ dir, file: upload.path, label: upload.label, list: undefined, dryRun: false }, collectOutput(lines));
    this.uploads.delete(key);
    await rm(upload.path, { force: true });
    return lines;
  }

  async close(): Promise<void> {
    if (this.folder) await rm(await this.folder, { recursive: true, force: true });
  }
}
