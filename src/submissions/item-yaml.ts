import { stringify } from 'yaml';
import type { ItemFields } from './response-to-item.js';

/**
 * Pure: an item as the lines of a block list entry (`- title: …`), indented
 * by `indent` spaces, each line ending in `newline`. The yaml package does
 * the quoting, so a title with ": " or a summary over several lines reads
 * back exactly as given.
 */
export function itemYaml(fields: ItemFields, indent: number, newline: string): string {
  const text = stringify([fields], { lineWidth: 0, version: '1.2' });
  const pad = ' '.repeat(indent);
  return text
    .replace(/\n$/u, '')
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line) + newline)
    .join('');
}

/**
 * Pure: an item as a flow mapping, for a section written as a flow list
 * (`[{…}, {…}]`). JSON is YAML's flow style with every string double-quoted,
 * so a summary over several lines stays on one line and reads back exactly.
 */
export function itemFlowYaml(fields: ItemFields): string {
  return JSON.stringify(fields);
}
