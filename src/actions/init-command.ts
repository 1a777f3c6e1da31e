import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { SnippetError } from '../errors.js';
import { makeFolder } from '../fs/make-folder.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import { BUILT_IN_TEMPLATES } from '../render/read-templates.js';
import { newWorkspaceFiles } from '../workspace/new-workspace-files.js';
import { newCommand } from './new-command.js';
import type { Output } from '../output.js';

export interface InitOptions {
  /** The folder to make a workspace of, absolute; created when missing. */
  dir: string;
  /** As the user wrote it, for messages. */
  shown: string;
  now: Date;
}

/**
 * `snippet init [DIR]`: a new network's workspace: a config and an
 * organisations file with FILL IN placeholders, empty contacts files with
 * their headers, the default templates, a .gitignore that keeps secrets and
 * state out of git, and a first draft. Never replaces a file.
 */
export async function initCommand(options: InitOptions, out: Output): Promise<void> {
  const { dir, shown } = options;
  if (existsSync(join(dir, CONFIG_FILE))) {
    throw new SnippetError(`${shown} is already a snippet workspace (it has ${CONFIG_FILE}); snippet init never replaces one`, {
      hint: 'Run `snippet check` there to see what is still to fill in, or give init a new folder.',
    });
  }
  const files = [...(await templateFiles()), ...newWorkspaceFiles()];
  const taken = files.map((file) => file.name).filter((name) => existsSync(join(dir, name)));
  if (taken.length > 0) {
    throw new SnippetError(`${shown} already has ${taken.join(', ')}; snippet init never replaces a file`, {
      hint: 'Move those files away, or give init an empty or new folder.',
    });
  }
  await makeFolder(dir);
  await writeFilesAtomically(dir, files, { shownDir: shown });

  out.info(`Started a snippet workspace in ${shown}:`);
  out.info(`  ${CONFIG_FILE}, contacts/ (organisations, an empty mailing list and suppressions), templates/, .gitignore`);
  await newCommand({ dir, issue: undefined, now: options.now }, out);
  out.info('');
  out.info(`Then fill in every FILL IN value: \`snippet check${shown === '.' ? '' : ` --dir ${shown}`}\` lists each one with its file and line.`);
  out.info('Add members with `snippet contacts import FILE`; README.md ("Your month") has the monthly routine.');
}

/** The built-in templates, as files of the new workspace's templates/. */
async function templateFiles(): Promise<Array<{ name: string; data: string }>> {
  const entries = await readdir(BUILT_IN_TEMPLATES, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.'));
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: join('templates', relative(BUILT_IN_TEMPLATES, path)), data: await readFile(path, 'utf8') };
    }),
  );
}
