/**
 * Pure: a command line as a program and its arguments, without a shell:
 * words split on spaces, `"…"` and `'…'` group (a backslash escapes only a
 * quote, so Windows paths keep theirs). `needsShell` when, outside quotes, it
 * uses what only a shell does: a pipe, a redirection, `;`, `&`, `$`, a
 * backtick, `~`, a wildcard or parentheses.
 */
export function splitCommand(command: string): { argv: string[]; needsShell: boolean } {
  const argv: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  let needsShell = false;
  for (let i = 0; i < command.length; i++) {
    const char = command[i]!;
    if (char === '\\' && (command[i + 1] === '"' || command[i + 1] === "'") && quote !== "'") {
      word = (word ?? '') + command[++i]!;
      continue;
    }
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
      continue;
    }
    if (/\s/u.test(char)) {
      if (word !== undefined) argv.push(word);
      word = undefined;
      continue;
    }
    if (/[|&;<>()$`~*?]/u.test(char)) needsShell = true;
    word = (word ?? '') + char;
  }
  if (word !== undefined) argv.push(word);
  if (quote) needsShell = true;
  return { argv, needsShell };
}
