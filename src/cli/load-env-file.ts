import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile } from '../config/parse-env-file.js';
import { SnippetError } from '../errors.js';
import { readError } from '../fs/read-error.js';
import { registerSecret } from '../config/redact.js';

/** As `snippet init` names it (src/workspace/new-workspace-files.ts, not loaded here to keep start-up small). */
const ENV_FILE = 'snippet.env';

/**
 * Reads the workspace's `snippet.env`, when there is one, into `env`: a
 * variable already set in the environment wins, so a scheduler's or CI's
 * own settings are never overridden. Values of names with PASS, SECRET or
 * TOKEN in them are kept out of output. Returns the names it set.
 */
export function loadEnvFile(dir: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, ENV_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw readError(error as NodeJS.ErrnoException, ENV_FILE);
  }
  const parsed = parseEnvFile(text, ENV_FILE);
  if (parsed.problems.length > 0) {
    throw new SnippetError(`${ENV_FILE} has lines that cannot be read, so nothing was done`, {
      problems: parsed.problems,
      hint: `${ENV_FILE} holds KEY=VALUE lines (\`export\` in front is allowed).`,
    });
  }
  const set: string[] = [];
  for (const [name, value] of parsed.values) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
    if (/PASS|SECRET|TOKEN/u.test(name)) registerSecret(value);
  }
  return set;
}
