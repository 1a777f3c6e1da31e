/**
 * One error type for everything a user can cause. The CLI maps `kind` to the
 * documented exit codes; anything that is not a SnippetError is a bug.
 */
export type ErrorKind =
  /** Bad input or state the user must fix: exit 1. */
  | 'user'
  /** Wrong command-line usage: exit 2. */
  | 'usage'
  /** Try again later (lock held, limit reached with work left): exit 75. */
  | 'tempfail';

export type Severity = 'error' | 'warning';

/** One thing wrong with the workspace, pointing at a file and, where known, a line. */
export interface Problem {
  severity: Severity;
  /** Path relative to the workspace, e.g. `issues/2026-12.md`. */
  file: string;
  line?: number;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export interface SnippetErrorOptions {
  kind?: ErrorKind;
  hint?: string;
  file?: string;
  line?: number;
  problems?: Problem[];
  cause?: unknown;
}

export class SnippetError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  /** Every problem found, when the error stands for a failed validation. */
  readonly problems: Problem[];

  constructor(message: string, options: SnippetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SnippetError';
    this.kind = options.kind ?? 'user';
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.problems = options.problems ?? [];
  }
}

export function usageError(message: string, hint?: string): SnippetError {
  return new SnippetError(message, { kind: 'usage', hint });
}

export function isSnippetError(error: unknown): error is SnippetError {
  return error instanceof SnippetError;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** `issues/2026-12.md:14: message` */
export function formatLocation(problem: Pick<Problem, 'file' | 'line'>): string {
  return problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
}

/** Problems sorted by file, then line, so output reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** The problems an error stands for: its own list, or the error itself as one problem at `fallbackFile`. */
export function problemsOf(error: SnippetError, fallbackFile: string): Problem[] {
  if (error.problems.length > 0) return error.problems;
  return [
    {
      severity: 'error',
      file: error.file ?? fallbackFile,
      ...(error.line !== undefined ? { line: error.line } : {}),
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    },
  ];
}

/** Colours a piece of text for a terminal; `plain` leaves it as it is. */
export type Paint = (code: string, text: string) => string;
export const plain: Paint = (_code, text) => text;

/** `file:line: error: message`, and its hint on the next line. */
export function formatProblem(problem: Problem, paint: Paint = plain): string {
  const label = problem.severity === 'error' ? paint('31;1', 'error') : paint('33;1', 'warning');
  const head = `${paint('1', formatLocation(problem))}: ${label}: ${problem.message}`;
  return problem.hint ? `${head}\n  ${paint('2', `hint: ${problem.hint}`)}` : head;
}

/** A SnippetError as the user reads it: its problems, then what stopped the command and the hint. */
export function formatError(error: SnippetError, paint: Paint = plain): string {
  const lines = error.problems.map((problem) => formatProblem(problem, paint));
  const where =
    error.file && error.problems.length === 0 ? `${formatLocation({ file: error.file, ...(error.line !== undefined ? { line: error.line } : {}) })}: ` : '';
  lines.push(`${where}${paint('31;1', 'error')}: ${error.message}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}
