import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { splitFrontMatter } from './split-front-matter.js';

/**
 * Pure: which field of the issue file each line belongs to, as the editor
 * names its fields: `subject`, `research.2.url`, `research.2` (the item as a
 * whole), `research`, `intro`. A problem's line finds its field this way, so
 * the validator's problems stand beside the fields that caused them.
 */
export function issueFieldLines(source: string): (line: number) => string | undefined {
  const parts = splitFrontMatter(source);
  if (!parts) return () => undefined;
  const { yaml } = parts;
  const introLine = yaml.split('\n').length + 1;
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, schema: 'core' });
  const fields = new Map<number, string>();
  // Line 1 of the YAML is line 2 of the file.
  const lines = (node: Node | null | undefined, keyOffset: number): [number, number] => {
    const end = node?.range ? node.range[1] : keyOffset + 1;
    return [counter.linePos(keyOffset).line + 1, counter.linePos(Math.max(keyOffset, end - 1)).line + 1];
  };
  const mark = ([from, to]: [number, number], name: string): void => {
    for (let line = from; line <= to; line += 1) fields.set(line, name);
  };
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      mark(lines(pair.value, pair.key.range[0]), key);
      if (!isSeq(pair.value)) continue;
      pair.value.items.forEach((item, index) => {
        if (!isMap(item) || !item.range) return;
        mark(lines(item, item.range[0]), `${key}.${index}`);
        for (const field of item.items) {
          if (isScalar(field.key) && field.key.range) mark(lines(field.value, field.key.range[0]), `${key}.${index}.${String(field.key.value)}`);
        }
      });
    }
  }
  return (line) => (line > introLine ? 'intro' : fields.get(line));
}
