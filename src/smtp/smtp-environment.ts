import { readFileSync } from 'node:fs';
import type { SmtpEnvironment } from './smtp-settings.js';

/**
 * SMTP settings from the environment; the password and CA files are read
 * here, at the edge. A file that cannot be read is carried as a problem and
 * raised only where SMTP is used, so that `doctor` can report it among its
 * checks and an `--outbox` send does not need it.
 */
export function smtpEnvironment(env: NodeJS.ProcessEnv): SmtpEnvironment {
  const fileProblems: string[] = [];
  const read = (variable: 'SNIPPET_SMTP_PASS_FILE' | 'SNIPPET_SMTP_CA_FILE'): string | undefined => {
    const path = env[variable];
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      fileProblems.push(`cannot read ${variable} (${path}): ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return undefined;
    }
  };
  const passFromFile = read('SNIPPET_SMTP_PASS_FILE');
  const caFromFile = read('SNIPPET_SMTP_CA_FILE');
  return {
    SNIPPET_SMTP_URL: env.SNIPPET_SMTP_URL,
    SNIPPET_SMTP_HOST: env.SNIPPET_SMTP_HOST,
    SNIPPET_SMTP_PORT: env.SNIPPET_SMTP_PORT,
    SNIPPET_SMTP_USER: env.SNIPPET_SMTP_USER,
    SNIPPET_SMTP_PASS: env.SNIPPET_SMTP_PASS,
    passFromFile,
    caFromFile,
    SNIPPET_SMTP_OAUTH_CLIENT_SECRET: env.SNIPPET_SMTP_OAUTH_CLIENT_SECRET,
    ...(fileProblems.length > 0 ? { fileProblem: fileProblems.join('; ') } : {}),
  };
}
