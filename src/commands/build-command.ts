import { join, relative } from 'node:path';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import type { IssueId } from '../issue/issue.js';
import { prepareMessageBuilder } from '../mail/message-builder.js';
import { toEml } from '../mail/nodemailer-mailer.js';
import { personalise } from '../render/personalise.js';
import type { Output } from './output.js';
import { prepareIssue, requireRendered } from './prepare-issue.js';
import { sampleRecipient } from './sample-recipient.js';

/** Gmail clips messages whose HTML is larger than about 102 KB. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

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
  const { issue, config, rendered } = prepared;
  out.problems(prepared.problems);

  const to = sampleRecipient(issue, prepared.workspace.members, prepared.workspace.suppressions);
  // The sample is built exactly as `send` builds every message.
  const build = prepareMessageBuilder({
    config,
    issueId: issue.id,
    rendered,
    test: false,
    unsubscribeSecret: options.unsubscribeSecret ?? 'sample-build-not-a-real-secret',
    now: () => options.now,
  });
  const message = build({ email: to.address, ...(to.name ? { name: to.name } : {}) });
  const eml = await toEml({ raw: message.raw, envelope: message.envelope });
  const parts = personalise(rendered, { ...(to.name ? { name: to.name } : {}), email: to.address, unsubscribeUrl: message.unsubscribeUrl });

  const outDir = options.out ?? join(options.dir, 'out', issue.id);
  const files = [
    { name: 'email.html', data: parts.html },
    { name: 'email.txt', data: parts.text },
    { name: 'sample.eml', data: eml },
  ];
  await writeFilesAtomically(outDir, files);

  const htmlBytes = Buffer.byteLength(parts.html);
  const shown = relative(process.cwd(), outDir) || '.';
  out.info(`Built ${issue.id} (${issue.status}) into ${shown}/`);
  for (const file of files) out.info(`  ${file.name.padEnd(11)} ${formatKb(Buffer.byteLength(file.data))}`);
  out.info(`  sample.eml is addressed to ${to.address}.`);
  if (htmlBytes > GMAIL_CLIP_BYTES) {
    out.warn(`warning: the HTML is ${formatKb(htmlBytes)}, over Gmail's ~102 KB clipping size: Gmail will cut it off and hide the unsubscribe link. Shorten summaries or move items to next month.`);
  }
  return { issue: issue.id, outDir, files: files.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.data) })), htmlBytes };
}

function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
