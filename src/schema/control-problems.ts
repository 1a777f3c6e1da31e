import type { Problem } from '../errors.js';
import { controlCharacter, controlCharacterHint } from './control-character.js';

/** Enough to show where the trouble is; the same fix covers the rest. */
const MAX_PROBLEMS = 10;

/**
 * Pure: the lines of a file the coordinator edits (an issue, the config, the
 * organisations) that hold a control character: anything but tab and the
 * line end, once CRLF counts as one line end. A bare CR (an old Mac line end,
 * or Word's) is refused too: some readers take it for a line break and some
 * do not, so the line numbers and the text would differ between them.
 */
export function controlProblems(source: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = source.split('\n');
  for (let index = 0; index < lines.length && problems.length < MAX_PROBLEMS; index++) {
    const line = lines[index]!.replace(/\r$/u, '');
    if (line.includes('\r')) {
      problems.push({
        severity: 'error',
        file,
        line: index + 1,
        message: 'a carriage return (CR) on its own, in the middle of the line',
        hint: 'Split the line there or join it up: a CR without a line feed is a line break only to some programs. Retyping the line removes it.',
      });
      continue;
    }
    // A tab is allowed; LF and CR are no longer in the line.
    const control = controlCharacter(line, { allowWhitespace: true });
    if (control !== undefined) {
      problems.push({
        severity: 'error',
        file,
        line: index + 1,
        message: `a control character (${control}) in the text`,
        hint: `${controlCharacterHint(line)} Word's line and page breaks (U+000B, U+000C) paste as these.`,
      });
    }
  }
  return problems;
}
