import { SnippetError, type Problem } from '../errors.js';

const SYNTAX_HINT = 'Check that every {{ is closed by }}, and every {{#block}} by a matching {{/block}}.';

/** A Handlebars error (thrown while parsing, compiling or running `file`) → a Problem naming the file and line. */
export function templateProblem(error: unknown, file: string): Problem {
  const raw = error instanceof Error ? error.message : String(error);
  const parse = /^Parse error on line (\d+):\n(?:.*\n){2}(.*)$/u.exec(raw);
  if (parse) {
    const got = /got '([^']+)'/u.exec(parse[3] ?? '')?.[1];
    const near = got === undefined || got === 'INVALID' ? '' : ` (unexpected ${got.toLowerCase()})`;
    return { severity: 'error', file, line: Number(parse[1]), message: `Handlebars syntax error${near}`, hint: SYNTAX_HINT };
  }
  const located = error as { lineNumber?: unknown };
  const line = typeof located.lineNumber === 'number' ? located.lineNumber : undefined;
  const message = raw.replace(/ - \d+:\d+$/u, '');
  const missing = /^"([^"]+)" not defined in/u.exec(message);
  if (missing) {
    return {
      severity: 'error',
      file,
      ...(line === undefined ? {} : { line }),
      message: `the template uses "${missing[1]}", which does not exist here`,
      hint: 'Check its spelling and the block it is in; templates/README.md lists the fields templates can use.',
    };
  }
  return { severity: 'error', file, ...(line === undefined ? {} : { line }), message, hint: SYNTAX_HINT };
}

export function templateError(problems: Problem[], cause?: unknown): SnippetError {
  const first = problems[0];
  const where = first === undefined ? '' : ` (${first.file}${first.line === undefined ? '' : `:${first.line}`})`;
  return new SnippetError(`the email templates have ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}${where}`, {
    kind: 'user',
    problems,
    ...(first?.file ? { file: first.file } : {}),
    ...(first?.line === undefined ? {} : { line: first.line }),
    ...(first?.hint ? { hint: first.hint } : {}),
    cause,
  });
}
