import type { Problem } from '../errors.js';

export interface EnvFile {
  values: Map<string, string>;
  problems: Problem[];
}

/**
 * Pure: `snippet.env` as the shell's `. ./snippet.env` reads the lines it
 * holds, so that no shell is needed (the Windows Task Scheduler has none):
 * `KEY=VALUE` or `export KEY=VALUE`, blank lines and `#` comments; a value
 * may be in single quotes (as written) or double quotes (`\"` and `\\`
 * escaped). CRLF line ends and a byte-order mark read as LF ones do. Any
 * other line is a problem with its line number.
 */
export function parseEnvFile(text: string, file: string): EnvFile {
  const values = new Map<string, string>();
  const problems: Problem[] = [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/u.exec(line);
    if (!match) {
      problems.push({
        file,
        line: index + 1,
        severity: 'error',
        message: `"${line.length > 40 ? `${line.slice(0, 40)}…` : line}" is not a KEY=VALUE line`,
        hint: 'Write one setting a line, e.g. SNIPPET_SMTP_USER=snippet@nhs.scot (a line starting with # is a comment).',
      });
      return;
    }
    const value = unquote(match[2]!);
    if (value === undefined) {
      problems.push({
        file,
        line: index + 1,
        severity: 'error',
        message: `the value of ${match[1]} has a quote that is not closed`,
        hint: 'Close the quote at the end of the line, or leave the quotes out.',
      });
      return;
    }
    values.set(match[1]!, value);
  });
  return { values, problems };
}

function unquote(value: string): string | undefined {
  if (value.startsWith("'")) return value.length >= 2 && value.endsWith("'") ? value.slice(1, -1) : undefined;
  if (value.startsWith('"')) {
    const inner = value.slice(1, -1);
    // The closing quote must not itself be escaped: an even number of backslashes before it.
    const escaped = (/\\*$/u.exec(inner)?.[0].length ?? 0) % 2 === 1;
    if (value.length < 2 || !value.endsWith('"') || escaped) return undefined;
    return inner.replace(/\\(["\\$`])/gu, '$1');
  }
  // Unquoted: a trailing comment after a space is not part of the value, as in the shell.
  return value.replace(/\s+#.*$/u, '');
}
