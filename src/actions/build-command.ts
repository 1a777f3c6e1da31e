import { join, relative } from 'node:path';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import type { IssueId } from '../issue/issue.js';
import { toEml } from '../mail/to-eml.js';
import type { Output } from '../output.js';
import { prepareIssue, requireRendered } from './prepare-issue.js';
import { composeSampleMessage } from './sample-message.js';

/** Gmail clips messages whose HTML is larger than about 102 KB. */
const GMAIL_CLIP_BYTES = 102 * 1024;

export interface BuildOptions {
  dir: string;
  issue: IssueId | undefined;
  /** Output folder; default `<dir>/out/<issue>`. */
  out: string | undefined;
  /** Secret for unsubscribe tokens; a placeholder is used for the sample when absent. */
  unsubscribeSecret: string | undefined;
  now: Date;
}

export interface BuildResult {
  issue: IssueId;
  outDir: string;
  files: Array<{ name: string; bytes: number }>;
  htmlBytes: number;
}

/** `snippet build`: the HTML, the plain text and one member's complete message. Nothing is written on errors. */
export async function buildCommand(options: BuildOptions, out: Output): Promise<BuildResult> {
  const prepared = requireRendered(await prepareIssue(options.dir, options.issue));
  const { issue } = prepared;
  out.problems(prepared.problems);

  const message = composeSampleMessage(prepared, { unsubscribeSecret: options.unsubscribeSecret, now: options.now });
  const eml = toEml(message.raw);

  const outDir = options.out ?? join(options.dir, 'out', issue.id);
  const files = [
    { name: 'email.html', data: message.html },
    { name: 'email.txt', data: message.text },
    { name: 'sample.eml', data: eml },
  ];
  await writeFilesAtomically(outDir, files);

  const htmlBytes = Buffer.byteLength(message.html);
  const shown = relative(process.cwd(), outDir) || '.';
  out.info(`Built ${issue.id} (${issue.status}) into ${shown}/`);
  for (const file of files) out.info(`  ${file.name.padEnd(11)} ${formatKb(Buffer.byteLength(file.data))}`);
  out.info(`  sample.eml is addressed to ${message.to.address}.`);
  if (htmlBytes > GMAIL_CLIP_BYTES) {
    out.warn(
      `warning: the HTML is ${formatKb(htmlBytes)}, over Gmail's ~102 KB clipping size: Gmail will cut it off and hide the unsubscribe link. Shorten summaries or move items to next month.`,
    );
  }
  return { issue: issue.id, outDir, files: files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.data) })), htmlBytes };
}

function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
