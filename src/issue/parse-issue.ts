import matter from 'gray-matter';
import { hasErrors, sortProblems, type Problem } from '../errors.js';
import { parseLocatedYaml, type YamlPath } from '../schema/located-yaml.js';
import type { Issue, IssueId } from './issue.js';
import { issueFromFrontMatter } from './issue-from-front-matter.js';
import { controlProblems } from '../schema/control-problems.js';

export interface ParsedIssue {
  issue: Issue | undefined;
  /** The line of a front-matter key or item, for later checks. */
  lineOf: (path: YamlPath) => number | undefined;
  problems: Problem[];
  /**
   * When the front matter breaks the schema: the issue made of its right
   * fields (salvageFrontMatter), so the other checks still run. Never rendered or sent.
   */
  salvaged?: Issue;
}

const refuseCode = {
  parse: () => {
    throw new Error('executable front matter');
  },
};

/**
 * Pure: the text of `issues/ISSUE.md` in, an Issue and every problem of the
 * file on its own out. Checks that need the organisations or the config live
 * in validateIssue.
 */
export function parseIssue(source: string, file: string, id: IssueId): ParsedIssue {
  const none = { issue: undefined, lineOf: () => undefined };
  const control = controlProblems(source, file);
  if (control.length > 0) return { ...none, problems: control };
  // Line numbers survive: only the byte-order mark and the CR of CRLF go.
  const text = source.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const opening = /^---([A-Za-z]*)[ \t]*\n/u.exec(text);
  if (opening && opening[1] !== '' && opening[1] !== 'yaml' && opening[1] !== 'yml') {
    return {
      ...none,
      problems: [
        { severity: 'error', file, line: 1, message: `front matter must be YAML, not "${opening[1]}"`, hint: 'Start the file with a plain "---" line.' },
      ],
    };
  }
  if (!opening) {
    return {
      ...none,
      problems: [
        {
          severity: 'error',
          file,
          line: 1,
          message: 'the file does not start with front matter',
          hint: 'Start the file with a line "---", the fields (subject: …), and another "---" line; `snippet new` writes one for you.',
        },
      ],
    };
  }
  if (!/\n---[ \t]*(\n|$)/u.test(text.slice(opening[0].length - 1))) {
    return {
      ...none,
      problems: [
        {
          severity: 'error',
          file,
          line: 1,
          message: 'the front matter is never closed',
          hint: 'Add a line "---" after the last field, before the introduction.',
        },
      ],
    };
  }

  let parts: matter.GrayMatterFile<string>;
  try {
    // Only YAML: gray-matter would otherwise evaluate `---js` front matter.
    parts = matter(text, { language: 'yaml', engines: { yaml: { parse: () => ({}) }, js: refuseCode, javascript: refuseCode } });
  } catch {
    return { ...none, problems: [{ severity: 'error', file, line: 1, message: 'front matter must be YAML', hint: 'Start the file with a plain "---" line.' }] };
  }
  if (parts.language !== 'yaml' && parts.language !== 'yml') {
    return {
      ...none,
      problems: [
        { severity: 'error', file, line: 1, message: `front matter must be YAML, not "${parts.language}"`, hint: 'Start the file with a plain "---" line.' },
      ],
    };
  }

  // gray-matter keeps the rest of the opening line, so line 1 of `matter` is line 1 of the file.
  const yaml = parseLocatedYaml(parts.matter, file, 1);
  if (hasErrors(yaml.problems)) return { issue: undefined, lineOf: yaml.lineOf, problems: yaml.problems };
  if (yaml.value === null || yaml.value === undefined || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    return {
      issue: undefined,
      lineOf: yaml.lineOf,
      problems: [...yaml.problems, { severity: 'error', file, line: 2, message: 'the front matter must be fields such as "subject: …"' }],
    };
  }

  const front = issueFromFrontMatter(yaml.value as Record<string, unknown>, parts.content, { file, id, lineOf: yaml.lineOf });
  if (!front.issue) return { ...front, lineOf: yaml.lineOf, problems: sortProblems([...yaml.problems, ...front.problems]) };
  return { issue: front.issue, lineOf: yaml.lineOf, problems: yaml.problems };
}
