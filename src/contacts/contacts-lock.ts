import { withFileLock, type FileLockOptions } from '../fs/with-file-lock.js';

export type ContactsLockOptions = FileLockOptions;

/**
 * Runs `work` holding the contacts lock, so that two changes of the contacts
 * files (two imports, an import and an unsubscribe, the unsubscribe server)
 * never both read the old file and the last write wins: `work` must read the
 * files it changes after the lock is taken. Changes take milliseconds, so a
 * held lock is waited for (bounded) rather than refused; a lock left by a
 * process that is provably gone is taken over.
 */
export function withContactsLock<T>(path: string, work: () => Promise<T>, options: ContactsLockOptions = {}): Promise<T> {
  return withFileLock(path, { lock: 'contacts lock', busy: 'the contacts are being changed' }, work, options);
}
