import { contactsImportCommand } from '../actions/contacts-import-command.js';
import { SnippetError } from '../errors.js';
import { collectOutput } from './collect-output.js';
import { HeldUploads } from './held-uploads.js';

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
 * Members' CSVs uploaded at the desk, held between the dry run she reads and
 * her confirmation. The import is the CLI's (`snippet contacts import`).
 */
export class MembersUploads {
  private readonly held = new HeldUploads(
    'snippet-desk-members-',
    'Choose the CSV of members (columns email, name, organisation, lists), e.g. saved from Excel.',
  );

  async dryRun(dir: string, body: Buffer, contentType: string): Promise<MembersDryRun> {
    const { upload, checked } = await this.held.hold(
      body,
      contentType,
      { fallback: 'members.csv', extension: () => '.csv', extra: {} },
      async ({ path, label }) => {
        const lines: string[] = [];
        const summary = await contactsImportCommand({ dir, file: path, label, list: undefined, dryRun: true }, collectOutput(lines));
        return { lines, changes: summary.added + summary.updated };
      },
    );
    return { key: upload.key, label: upload.label, ...checked };
  }

  /** Writes the members of a checked upload, as its dry run said (planned again against members.csv as it is now). */
  async confirm(dir: string, key: string): Promise<string[]> {
    const upload = this.held.get(key);
    if (!upload) throw new SnippetError('that upload is no longer here', { hint: 'Choose the file again and check it.' });
    const lines: string[] = [];
    await contactsImportCommand({ dir, file: upload.path, label: upload.label, list: undefined, dryRun: false }, collectOutput(lines));
    await this.held.drop(key);
    return lines;
  }

  close(): Promise<void> {
    return this.held.close();
  }
}
