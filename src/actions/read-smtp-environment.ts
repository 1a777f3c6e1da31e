import { registerSecret } from '../config/known-secrets.js';
import { smtpEnvironment } from '../smtp/smtp-environment.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { secretFromFile } from '../config/secret-from-file.js';

/**
 * The SMTP environment, with a password read from SNIPPET_SMTP_PASS_FILE kept
 * out of every printed line. An action, so that both front doors (the CLI's
 * send, doctor and mailbox, and the desk's test send) reach SMTP the same way.
 */
export function readSmtpEnvironment(env: NodeJS.ProcessEnv): SmtpEnvironment {
  const smtp = smtpEnvironment(env);
  if (smtp.passFromFile !== undefined) registerSecret(secretFromFile(smtp.passFromFile));
  return smtp;
}
