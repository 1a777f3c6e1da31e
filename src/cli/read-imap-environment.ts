import { readFileSync } from 'node:fs';
import type { ImapEnvironment } from '../actions/mailbox-sign-in.js';
import { registerSecret } from '../config/redact.js';
import { secretFromFile } from '../config/secret-from-file.js';

/** SNIPPET_IMAP_USER, _PASS and _PASS_FILE; a password read from the file is kept out of every printed line. */
export function readImapEnvironment(env: NodeJS.ProcessEnv): ImapEnvironment {
  const file = env.SNIPPET_IMAP_PASS_FILE;
  let passFromFile: string | undefined;
  let fileProblem: string | undefined;
  if (file) {
    try {
      passFromFile = readFileSync(file, 'utf8');
      registerSecret(secretFromFile(passFromFile));
    } catch (error) {
      fileProblem = `cannot read SNIPPET_IMAP_PASS_FILE (${file}): ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    }
  }
  return {
    SNIPPET_IMAP_USER: env.SNIPPET_IMAP_USER || undefined,
    SNIPPET_IMAP_PASS: env.SNIPPET_IMAP_PASS || undefined,
    ...(passFromFile !== undefined ? { passFromFile } : {}),
    ...(fileProblem !== undefined ? { fileProblem } : {}),
  };
}
