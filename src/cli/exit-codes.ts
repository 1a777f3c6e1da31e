import type { CommanderError } from 'commander';
import type { ErrorKind } from '../errors.js';

/** The contract's exit codes. */
export const EXIT = {
  ok: 0,
  /** A problem the user must fix, or a send that ended with failures or recipients in doubt. */
  problem: 1,
  usage: 2,
  /** Try again later: the lock is held, or a sending limit stopped the run with work left. */
  tempfail: 75,
} as const;

export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'user':
      return EXIT.problem;
    case 'usage':
      return EXIT.usage;
    case 'tempfail':
      return EXIT.tempfail;
  }
}

/** Help and version end as errors only to commander (exit code 0); its other errors are usage errors. */
export function exitCodeOfCommander(error: CommanderError): number {
  return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
}
