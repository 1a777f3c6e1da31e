import { Scalar, stringify } from 'yaml';
import type { ItemFields } from './response-to-item.js';

/**
 * Pure: an item as the lines of a block list entry (`- title: …`), indented
 * by `indent` spaces, each line ending in `newline`. The yaml package does
 * the quoting, so a title with ": " or a summary over several lines reads
 * back exactly as given.
 */
export function itemYaml(fields: ItemFields, indent: number, newline: string): string {
  const text = stringify([quoteTimes(fields)], { lineWidth: 0, version: '1.2' });
  const pad = ' '.repeat(indent);
  return text
    .replace(/\n$/u, '')
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line) + newline)
    .join('');
}

/** Times in quotes, as the issue files write them: YAML 1.1 tools read a bare 14:00 as a number. */
function quoteTimes(fields: ItemFields): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]): [string, unknown] => {
      if (typeof value !== 'string' || !/^\d{1,2}:\d{2}$/u.test(value)) return [key, value];
      const quoted = new Scalar(value);
      quoted.type = 'QUOTE_DOUBLE';
      return [key, quoted];
    }),
  );
}

/**
 * Pure: an item as a flow mapping, for a section written as a flow list
 * (`[{…}, {…}]`). JSON is YAML's flow style with every string double-quoted,
 * so a summary over several lines stays on one line and reads back exactly.
 */
export function itemFlowYaml(fields: ItemFields): string {
  return JSON.stringify(fields);
}
