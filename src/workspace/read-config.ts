import { join } from 'node:path';
import { CONFIG_FILE, type Config } from '../config/config.js';
import { parseConfig } from '../config/parse-config.js';
import { hasErrors, SnippetError } from '../errors.js';
import { readText } from './read-workspace-files.js';

/**
 * IO: the workspace's config, for a command that needs nothing else read
 * first, or a plain-words error: the file is not there (run `command` in the
 * workspace), or it has problems (all of them listed, and `nothing` says
 * what was not done, e.g. "no schedule was made").
 */
export async function readConfig(dir: string, command: string, nothing: string): Promise<Config> {
  const text = await readText(join(dir, CONFIG_FILE), CONFIG_FILE);
  if (text === undefined) {
    throw new SnippetError(`${CONFIG_FILE} was not found in ${dir}`, { hint: `Run \`${command}\` in the workspace folder (or give --dir).` });
  }
  const parsed = parseConfig(text, CONFIG_FILE);
  if (!parsed.config || hasErrors(parsed.problems)) {
    throw new SnippetError(`${CONFIG_FILE} has problems, so ${nothing}`, {
      problems: parsed.problems.filter((p) => p.severity === 'error'),
      hint: 'Correct them (`snippet check` lists them all), then run it again.',
    });
  }
  return parsed.config;
}
