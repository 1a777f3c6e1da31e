import type { z } from 'zod';
import { ITEM_SECTIONS } from './issue.js';

const SECTIONS: ReadonlySet<string> = new Set(ITEM_SECTIONS);
/** Past every send date, so a stand-in deadline never raises a problem of its own. */
const FAR_DEADLINE = '9999-12-31';
const ITEM_STAND_INS: Record<string, string> = { title: '(untitled)', url: 'https://example.invalid/', deadline: FAR_DEADLINE };
const MAX_ROUNDS = 5;

/**
 * A coordinator with four mistakes should see four problems in one run, but
 * an issue whose front matter breaks the schema cannot be built, so the checks
 * that need the organisations and the config (a passed funding deadline, an
 * unknown spotlight) would wait until the schema errors are fixed.
 *
 * Pure: the front matter with each wrong field left out, or, where the field
 * is required, replaced by a stand-in that raises no problem of its own.
 * Items keep their places, so later problems name the right item and line.
 * The result is for checking only: it is never rendered or sent.
 */
export function salvageFrontMatter<T extends z.ZodType>(value: Record<string, unknown>, schema: T): z.output<T> | undefined {
  const current = structuredClone(value);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = schema.safeParse(current);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) remove(current, [...path, key]);
      } else {
        standIn(current, path);
      }
    }
  }
  return undefined;
}

function standIn(front: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  const [top, index, field] = path;
  if (typeof top !== 'string') return;
  if (!SECTIONS.has(top)) {
    if (top === 'subject') front.subject = '(no subject)';
    else delete front[top];
    return;
  }
  const items = front[top];
  if (index === undefined || !Array.isArray(items) || typeof index !== 'number') {
    delete front[top];
    return;
  }
  const item = items[index] as unknown;
  if (field === undefined || typeof field !== 'string' || item === null || typeof item !== 'object' || Array.isArray(item)) {
    items[index] = {
      title: ITEM_STAND_INS.title,
      ...(top === 'news' ? {} : { url: ITEM_STAND_INS.url }),
      ...(top === 'funding' ? { deadline: FAR_DEADLINE } : {}),
    };
    return;
  }
  const fields = item as Record<string, unknown>;
  const replacement = ITEM_STAND_INS[field];
  if (replacement !== undefined) fields[field] = replacement;
  else delete fields[field];
}

function remove(front: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  let node: unknown = front;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  const last = path.at(-1);
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof last === 'string') delete (node as Record<string, unknown>)[last];
}
