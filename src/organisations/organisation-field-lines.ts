import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { pairEnd } from '../schema/yaml-text-positions.js';

/**
 * Pure: which organisation, and which of its fields, each line of
 * organisations.yaml belongs to (`field` undefined: the organisation as a
 * whole). A problem's line finds its field this way, so the validator's
 * problems stand beside the fields that caused them.
 */
export function organisationFieldLines(source: string): (line: number) => { id: string; field: string | undefined } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, schema: 'core' });
  const lines = new Map<number, { id: string; field: string | undefined }>();
  const list = isMap(doc.contents) ? doc.contents.get('organisations', true) : undefined;
  if (!isSeq(list)) return () => undefined;
  const lineOf = (offset: number): number => counter.linePos(offset).line;
  for (const item of list.items) {
    if (!isMap(item) || !item.range) continue;
    const id = item.get('id');
    if (typeof id !== 'string') continue;
    for (let line = lineOf(item.range[0]); line <= lineOf(Math.max(item.range[0], item.range[1] - 1)); line += 1) lines.set(line, { id, field: undefined });
    for (const pair of item.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const end = pairEnd(pair);
      const field = String(pair.key.value);
      for (let line = lineOf(pair.key.range[0]); line <= lineOf(Math.max(pair.key.range[0], end - 1)); line += 1) lines.set(line, { id, field });
    }
  }
  return (line) => lines.get(line);
}
