/** An issue file's text cut at its front matter; line breaks are `\n`, and the byte-order mark is gone. */
export interface FrontMatterParts {
  /** The YAML between the `---` lines. */
  yaml: string;
  /** Everything after the closing `---` line: the introduction. */
  body: string;
}

/**
 * Pure: the front matter and the introduction of an issue file, or undefined
 * when it has no opening or no closing `---` line. `---yaml` opens it as
 * well, as parseIssue and editIssueText read it. Lines keep their numbers:
 * line 1 of the YAML is line 2 of the file.
 */
export function splitFrontMatter(source: string): FrontMatterParts | undefined {
  const text = source.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const opening = /^---[A-Za-z]*[ \t]*\n/u.exec(text);
  const closing = opening ? /^---[ \t]*(\n|$)/mu.exec(text.slice(opening[0].length)) : null;
  if (!opening || !closing) return undefined;
  const end = opening[0].length + closing.index;
  return { yaml: text.slice(opening[0].length, end), body: text.slice(end + closing[0].length) };
}
