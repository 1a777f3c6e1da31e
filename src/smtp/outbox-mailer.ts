import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSynced } from '../fs/write-files-atomically.js';
import type { Channel, ConnectFailure, Envelope, Mailer, SendResult } from '../delivery/send-result.js';
import { outboxFileName } from './outbox-file-name.js';
import { diskFull, isDiskFull } from '../fs/disk-full.js';

/**
 * A transport that writes each message as `<address>.eml` into a folder, for
 * trying a send end to end without a mail server. It goes through the same
 * ledger as SMTP, so it is never written twice either.
 */
export function createOutboxMailer(dir: string): Mailer {
  // The folder is made when a channel is opened, before any attempt is
  // journalled: an outbox that cannot exist is a problem to fix, and must not
  // leave recipients in doubt.
  let ready: Promise<ConnectFailure | undefined> | undefined;
  const prepare = (): Promise<ConnectFailure | undefined> =>
    mkdir(dir, { recursive: true }).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => ({
        status: 'deferred',
        reason: `cannot use the outbox folder (${error.code ?? error.message})`,
        connectionFailure: true,
        fatal: `the outbox folder ${dir} cannot be used (${error.code ?? error.message}); give --outbox a folder that can be created or written`,
      }),
    );
  const channel: Channel = {
    async send(envelope: Envelope, message: readonly Buffer[], durable?: Promise<void>): Promise<SendResult> {
      try {
        await durable;
      } catch {
        return { status: 'deferred', reason: 'not written: the attempt could not be recorded', connectionFailure: false };
      }
      const name = outboxFileName(envelope.to);
      const path = join(dir, name);
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        await writeSynced(temporary, Buffer.concat(message), { mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        // Nothing was written under the real name: the message was not delivered.
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const full = isDiskFull(code) ? diskFull(dir) : undefined;
        const wholeFolder = full !== undefined || code === 'EACCES' || code === 'EROFS';
        return {
          status: 'deferred',
          reason: `could not write ${name}: ${full?.why ?? code}`,
          connectionFailure: true,
          ...(wholeFolder
            ? { fatal: full ? `${full.why}, so the outbox cannot be written. ${full.hint}` : `the outbox folder ${dir} cannot be written (${code})` }
            : {}),
        };
      }
      return { status: 'delivered', response: `written to ${name}` };
    },
    ahead: () => undefined,
    release: () => undefined,
  };
  return {
    open: async () => (await (ready ??= prepare())) ?? channel,
    close: async () => undefined,
  };
}
