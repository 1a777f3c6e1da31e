import { smtpEnvironment } from '../smtp/smtp-environment.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { registerSecret } from './redact.js';
import { secretFromFile } from '../config/secret-from-file.js';

/** The SMTP environment, with a password read from SNIPPET_SMTP_PASS_FILE kept out of every printed line. */
export function readSmtpEnvironment(env: NodeJS.ProcessEnv): SmtpEnvironment {
  const smtp = smtpEnvironment(env);
  if (smtp.passFromFile !== undefined) registerSecret(secretFromFile(smtp.passFromFile));
  return smtp;
}
