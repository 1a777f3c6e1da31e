import { describe, expect, it } from 'vitest';
import { stopError } from '../../src/actions/stop-error.js';
import { diskFull } from '../../src/fs/disk-full.js';
import { writeFailureHint, writeFailureWhy } from '../../src/fs/write-files-atomically.js';

describe('a full disk, worded once (regression: the send and the file writes said it differently, naming no folder)', () => {
  it('names the folder that could not be written and says what to do', () => {
    expect(diskFull('contacts')).toEqual({
      why: 'the disk holding contacts is full',
      hint: 'Free some space on the disk holding contacts (`df -h contacts` shows what is left), then run the same command again.',
    });
  });

  it('is what a failed write says, for ENOSPC and a used-up quota alike; other codes keep their code', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      expect(writeFailureWhy(code, 'contacts')).toBe(diskFull('contacts').why);
      expect(writeFailureHint(code, 'contacts')).toBe(diskFull('contacts').hint);
    }
    expect(writeFailureWhy('EACCES', 'contacts')).toBe('EACCES');
    expect(writeFailureHint('EFBIG', 'contacts')).toMatch(/file size limit was reached: raise it/u);
  });

  it('is what a send stopped by its ledger says, naming the ledger folder', () => {
    const error = stopError({ kind: 'ledger', reason: 'the disk is full' });
    expect(error?.message).toBe('the delivery ledger in .snippet/ledger/ could not be written (the disk is full); nothing more was sent.');
    expect(error?.hint?.startsWith(`${diskFull('.snippet/ledger/').hint} `)).toBe(true);
    expect(error?.hint).toMatch(/Delivered recipients are not sent twice\.$/u);
  });
});
