import type { Problem } from '../errors.js';

/**
 * How `snippet init` marks what a new network must fill in: "FILL IN …" in
 * text, and `fill-in-…` where the value must be an id or an address (so the
 * file still reads, and a preview works before everything is filled in).
 */
const PLACEHOLDER = /FILL IN\b|\bfill-in-[\w.@-]*/u;

/**
 * Pure: every placeholder still in a YAML or Markdown file, each at its line,
 * naming the key it is the value of. Comment lines are skipped: they explain
 * placeholders without being one.
 */
export function findPlaceholders(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  text.split(/\r\n?|\n/u).forEach((line, index) => {
    if (/^\s*#/u.test(line)) return;
    const value = line.replace(/\s#\s.*$/u, '');
    if (!PLACEHOLDER.test(value)) return;
    problems.push({
      severity: 'error',
      file,
      line: index + 1,
      message: `still to fill in: ${value.trim().replace(/^-\s+/u, '')}`,
      hint: 'Replace the FILL IN value (or the fill-in-… one) with your own.',
    });
  });
  return problems;
}

/**
 * A placeholder usually breaks other checks on its own line (an address that
 * is not yours, an id that is not in the list yet): the placeholder is the
 * one problem to show there.
 */
export function preferPlaceholders(problems: readonly Problem[], placeholders: readonly Problem[]): Problem[] {
  const at = new Set(placeholders.map((p) => `${p.file}:${p.line}`));
  return [...problems.filter((p) => !at.has(`${p.file}:${p.line}`)), ...placeholders];
}
