import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { SnippetError, usageError } from '../errors.js';

/**
 * `--dir`, absolute, and a workspace: every command but `init` works on one.
 * Checked here, once, before any command reads or writes, so that a mistyped
 * `--dir` never creates `typo/contacts/suppressions.csv` or confirms an
 * unsubscribe that went nowhere.
 */
export function workspaceDir(dir: string): string {
  const absolute = resolve(dir);
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
    throw usageError(`--dir ${dir} is not a folder`, 'Give the workspace folder: the one with snippet.config.yaml in it.');
  }
  if (!existsSync(join(absolute, CONFIG_FILE))) {
    throw new SnippetError(`${dir === '.' ? 'this folder' : dir} is not a snippet workspace: it has no ${CONFIG_FILE}`, {
      hint: existsSync(absolute)
        ? `Run snippet in the workspace folder or give it with --dir; \`snippet init ${dir}\` starts a new workspace here.`
        : `The folder ${absolute} does not exist: check the spelling of --dir, or start a new workspace with \`snippet init ${dir}\`.`,
    });
  }
  return absolute;
}
