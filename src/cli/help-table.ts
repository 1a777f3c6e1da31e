/**
 * `snippet --help` without commander: loading commander's module graph costs
 * more than the rest of Node's start-up, so the build runs the real program
 * once for every command line that only asks for help and keeps what it
 * printed. The table is consulted only where commander would print exactly
 * that text; anything else goes through commander.
 */
export interface HelpTable {
  /** Each text once: `-h`, `--help` and `help COMMAND` print the same. */
  texts: string[];
  /** `helpTableKey(args)` → what `snippet ...args` printed. */
  forms: Record<string, HelpForm>;
}

export interface HelpForm {
  stream: 'stdout' | 'stderr';
  /** Index into `texts`. */
  text: number;
  exitCode: number;
}

export interface HelpOutput {
  stream: 'stdout' | 'stderr';
  text: string;
  exitCode: number;
}

/** The table's texts are wrapped to commander's width when the output is not a terminal. */
export const HELP_TABLE_WIDTH = 80;

/** What commander sees of an output stream: whether it is a terminal, and how wide. */
export interface Terminal {
  isTTY?: boolean;
  columns?: number;
}

const NO_TABLE: HelpTable = { texts: [], forms: {} };

/**
 * The table from the text of dist/bin/help-table.json, or an empty table
 * (commander then prints the help itself) when the file is missing
 * (`undefined`: tsc's output has none) or is not a table the build wrote.
 */
export function readHelpTable(text: string | undefined): HelpTable {
  let table: unknown;
  try {
    table = JSON.parse(text ?? '');
  } catch {
    return NO_TABLE;
  }
  if (typeof table !== 'object' || table === null || !('texts' in table) || !('forms' in table)) return NO_TABLE;
  const { texts, forms } = table;
  if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) return NO_TABLE;
  if (typeof forms !== 'object' || forms === null || !Object.values(forms).every(isHelpForm)) return NO_TABLE;
  return { texts, forms } as HelpTable;
}

function isHelpForm(form: unknown): form is HelpForm {
  if (typeof form !== 'object' || form === null) return false;
  const { stream, text, exitCode } = form as Partial<Record<keyof HelpForm, unknown>>;
  return (stream === 'stdout' || stream === 'stderr') && Number.isInteger(text) && Number.isInteger(exitCode);
}

export function helpTableKey(args: readonly string[]): string {
  return JSON.stringify(args);
}

/**
 * What commander would print for these arguments, when the table holds it for
 * the width commander would wrap to. `terminal` is asked only about the stream
 * the help goes to.
 */
export function helpFromTable(
  table: HelpTable,
  args: readonly string[],
  terminal: (stream: HelpForm['stream']) => Terminal | undefined,
): HelpOutput | undefined {
  const key = helpTableKey(args);
  const form = Object.hasOwn(table.forms, key) ? table.forms[key] : undefined;
  const text = form === undefined ? undefined : table.texts[form.text];
  if (form === undefined || text === undefined) return undefined;
  const stream = terminal(form.stream);
  // commander wraps to the terminal's width, and to 80 columns when the output is not a terminal.
  if (stream === undefined || ((stream.isTTY ? stream.columns : undefined) ?? 80) !== HELP_TABLE_WIDTH) return undefined;
  return { stream: form.stream, text, exitCode: form.exitCode };
}
