/** A write refused for want of space: the disk is full, or the user's share of it (a quota) is used up. */
export function isDiskFull(code: string | undefined): boolean {
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * Pure: the one wording of a full disk, wherever a write meets it (the
 * ledger, the contacts files, an issue, the website, the outbox): what
 * happened, naming the folder that could not be written, and what to do.
 */
export function diskFull(folder: string): { why: string; hint: string } {
  return {
    why: `the disk holding ${folder} is full`,
    hint: `Free some space on the disk holding ${folder} (\`df -h ${folder}\` shows what is left), then run the same command again.`,
  };
}
