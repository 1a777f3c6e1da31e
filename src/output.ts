import type { Problem } from './errors.js';

/**
 * Where commands report to. The CLI supplies one that writes to the
 * terminal; tests supply one that collects lines. Its functions are passed
 * around on their own (`out.warn`), so they are plain functions, not methods
 * that need `this`.
 */
export interface Output {
  /** A line of normal output (stdout). */
  info: (line: string) => void;
  /** A line about something wrong or noteworthy (stderr). */
  warn: (line: string) => void;
  /** Problems, already sorted, as `file:line: severity: message`. */
  problems: (problems: readonly Problem[]) => void;
  /** A line that replaces the previous one on a terminal (progress); dropped elsewhere. */
  status: (line: string) => void;
  /** True when stdout is a terminal (progress bars, prompts). */
  readonly interactive: boolean;
}
