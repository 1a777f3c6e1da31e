import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SnippetError } from '../errors.js';

/** One uploaded file kept on disk: where it is, the name she chose it by, and what the route kept beside it. */
export type HeldUpload<Extra> = Extra & { key: string; path: string; label: string };

/**
 * Files uploaded at the desk (members' CSVs, form responses), kept in a
 * private temporary folder between the dry run she reads and her
 * confirmation, then removed; nothing of them is ever served.
 */
export class HeldUploads<Extra extends object = object> {
  private folder: Promise<string> | undefined;
  private readonly uploads = new Map<string, HeldUpload<Extra>>();

  /** `prefix` names the temporary folder; `hint` says what to choose when the form came without a file. */
  constructor(
    private readonly prefix: string,
    private readonly hint: string,
  ) {}

  /**
   * Keeps the file of an upload form (its field `file`) under a fresh key and
   * runs its dry run, `check`; an upload the dry run rejects is removed at
   * once (she chooses the file again). `fallback` labels a file sent without
   * a name; `extension` picks the kept file's ending from its label.
   */
  async hold<R>(
    body: Buffer,
    contentType: string,
    options: { fallback: string; extension: (label: string) => string; extra: Extra },
    check: (upload: HeldUpload<Extra>) => Promise<R>,
  ): Promise<{ upload: HeldUpload<Extra>; checked: R }> {
    const form = await new Request('http://desk.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: Uint8Array.from(body),
    }).formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) throw new SnippetError('no file was chosen', { hint: this.hint });
    const key = randomBytes(12).toString('hex');
    const label = basename(file.name) || options.fallback;
    this.folder ??= mkdtemp(join(tmpdir(), this.prefix));
    const path = join(await this.folder, `${key}${options.extension(label)}`);
    await writeFile(path, Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
    const upload = { ...options.extra, key, path, label };
    this.uploads.set(key, upload);
    try {
      return { upload, checked: await check(upload) };
    } catch (error) {
      await this.drop(key);
      throw error;
    }
  }

  get(key: string): HeldUpload<Extra> | undefined {
    return this.uploads.get(key);
  }

  /** Removes an upload once it has been used. */
  async drop(key: string): Promise<void> {
    const upload = this.uploads.get(key);
    this.uploads.delete(key);
    if (upload) await rm(upload.path, { force: true });
  }

  async close(): Promise<void> {
    if (this.folder) await rm(await this.folder, { recursive: true, force: true });
  }
}
