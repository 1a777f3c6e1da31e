import { mkdir, rename } from 'node:fs/promises';
import { writeSynced } from '../fs/write-files-atomically.js';
import { join } from 'node:path';
import type { Channel, Envelope, Mailer, SendResult } from './send-result.js';

/**
 * A transport that writes each message as `<address>.eml` into a folder, for
 * trying a send end to end without a mail server. It goes through the same
 * ledger as SMTP, so it is never written twice either.
 */
export function createOutboxMailer(dir: string): Mailer {
  let ready: Promise<unknown> | undefined;
  const channel: Channel = {
    async send(envelope: Envelope, message: readonly Buffer[]): Promise<SendResult> {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const name = `${envelope.to.replace(/[^A-Za-z0-9@._+-]/gu, '_')}.eml`;
      const path = join(dir, name);
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        await writeSynced(temporary, Buffer.concat(message), { mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { status: 'deferred', reason: `could not write ${name}: ${code ?? String(error)}`, connectionFailure: true, ...(code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS' ? { fatal: `the outbox folder ${dir} cannot be written (${code})` } : {}) };
      }
      return { status: 'delivered', response: `written to ${name}` };
    },
    release: () => undefined,
  };
  return { open: async () => channel, close: async () => undefined };
}
