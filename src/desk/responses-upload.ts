import { extname } from 'node:path';
import { submissionsImportCommand } from '../actions/submissions-import-command.js';
import { SnippetError } from '../errors.js';
import { collectOutput } from './collect-output.js';
import { HeldUploads } from './held-uploads.js';
import { deskPage, escapeHtml } from './html.js';

/** A Forms export is a few hundred KB; this leaves room for years of responses. */
export const UPLOAD_LIMIT = 16 * 1024 * 1024;

/**
 * The form responses a coordinator uploaded, held between the dry run she
 * reads and her confirmation. The import is the CLI's (`snippet submissions import`).
 */
export class ResponsesUploads {
  private readonly held = new HeldUploads<{ issue: string }>('snippet-desk-', 'Choose the responses you downloaded: the .xlsx from Microsoft Forms, or a CSV.');

  /** Keeps the uploaded file and returns the dry run's report, item by item. */
  async dryRun(dir: string, issue: string, body: Buffer, contentType: string): Promise<{ key: string; label: string; lines: string[]; added: number }> {
    const { upload, checked } = await this.held.hold(
      body,
      contentType,
      { fallback: 'responses', extension: (name) => (extname(name).toLowerCase() === '.xlsx' ? '.xlsx' : '.csv'), extra: { issue } },
      async ({ path, label }) => {
        const lines: string[] = [];
        const result = await submissionsImportCommand({ dir, file: path, label, issue, dryRun: true }, collectOutput(lines));
        // The importer's last line names the CLI's next commands; the page has its own button.
        return { lines: lines.filter((line) => !line.startsWith('Next:')), added: result.added };
      },
    );
    return { key: upload.key, label: upload.label, ...checked };
  }

  /** Adds the items of a checked upload to the draft, as its dry run said. */
  async confirm(dir: string, issue: string, key: string): Promise<string[]> {
    const upload = this.held.get(key);
    if (!upload || upload.issue !== issue) throw new SnippetError('that upload is no longer here', { hint: 'Upload the responses again.' });
    const lines: string[] = [];
    await submissionsImportCommand({ dir, file: upload.path, label: upload.label, issue, dryRun: false }, collectOutput(lines));
    await this.held.drop(key);
    return lines;
  }

  close(): Promise<void> {
    return this.held.close();
  }
}

/** Pure: the dry run's report, and the button that adds the items. */
export function responsesReportPage(issue: string, report: { key: string; label: string; lines: string[]; added: number }): string {
  const confirm =
    report.added > 0
      ? `<form method="post" action="/issues/${issue}/responses/confirm">
<input type="hidden" name="upload" value="${escapeHtml(report.key)}">
<button type="submit">Add ${report.added} item${report.added === 1 ? '' : 's'} to ${escapeHtml(issue)}</button>
</form>`
      : '<p>Nothing would be added.</p>';
  return deskPage(
    `Form responses for ${issue}`,
    `<h1>Form responses for ${escapeHtml(issue)}</h1>
<p>What <strong>${escapeHtml(report.label)}</strong> would add, response by response. Nothing is written until you confirm.</p>
<pre id="report">${escapeHtml(report.lines.join('\n'))}</pre>
${confirm}
<p><a href="/issues/${issue}">Back to the issue without adding anything</a></p>`,
  );
}
