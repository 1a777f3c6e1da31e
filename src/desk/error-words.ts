import { redact } from '../config/redact.js';
import { formatProblem, type SnippetError } from '../errors.js';

/** Pure but for the secrets it blanks: a user's problem as the desk says it, its problems first, then what to do. */
export function errorWords(error: SnippetError): string {
  // A sentence starts with a capital, unless it starts with an address or a file's name (`priya@…`, `snippet.env`).
  const message = /^[a-z]+(?=[\s,:])/u.test(error.message) ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}` : error.message;
  const said = `${message}.${error.hint ? ` ${error.hint}` : ''}`;
  return redact([...error.problems.map((p) => formatProblem(p)), said].join('\n'));
}
