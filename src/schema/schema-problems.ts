import type { z } from 'zod';
import type { Problem, Severity } from '../errors.js';
import type { YamlPath } from './located-yaml.js';
import { closestWord } from './closest-word.js';

/**
 * Turns zod's issues into coordinator-facing problems: a dotted field name,
 * the line it sits on, and what to write instead.
 */
export function schemaProblems(
  schema: z.ZodType,
  error: z.core.$ZodError,
  file: string,
  lineOf: (path: YamlPath) => number | undefined,
  severity: Severity = 'error',
  /** What to do about a field's problem, from its path and the value written (safeParse with reportInput). */
  hintFor?: (path: YamlPath, input: unknown) => string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = closestWord(key, known);
        problems.push({
          severity,
          file,
          line: lineOf([...path, key]),
          message: `${path.length > 0 ? `${describePath(path)}: ` : ''}unknown field "${key}"`,
          hint: suggestion ? `Did you mean "${suggestion}"?` : known.length > 0 ? `Known fields here: ${known.join(', ')}.` : undefined,
        });
      }
      continue;
    }
    const hint = hintFor?.(path, (issue as { input?: unknown }).input);
    problems.push({
      severity,
      file,
      line: lineOf(path),
      message: `${describePath(path)}: ${issueMessage(issue)}`,
      ...(hint === undefined ? {} : { hint }),
    });
  }
  return problems;
}

/** `research[2].url` (shown 1-based: `research item 3, url`). */
function describePath(path: YamlPath): string {
  const parts = path;
  if (parts.length === 0) return 'file';
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += ` item ${part + 1}`;
    else out += out === '' ? part : `, ${part}`;
  }
  return out.trim();
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return `is required (${expected(issue.expected)})`;
    // zod's int() reports 2.5 as the wrong type: a number, where a whole one is expected.
    if (issue.expected === 'int' && typeof received === 'number') return `must be a whole number, not ${received}`;
    return `must be ${expected(issue.expected)}, not ${typeName(received)}`;
  }
  return issue.message;
}

function expected(type: string): string {
  switch (type) {
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object':
      return 'a set of fields';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    default:
      return type;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true/false';
  return `a ${typeof value}`;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
}

/** The field names the schema allows at `path`, for "did you mean" hints. */
function keysAt(schema: unknown, path: YamlPath): string[] {
  let node = schema;
  for (const segment of [...path, undefined]) {
    node = unwrap(node);
    const def = defOf(node);
    if (!def) return [];
    if (segment === undefined) return def.shape ? Object.keys(def.shape) : [];
    if (def.type === 'object' && typeof segment === 'string') node = def.shape?.[segment];
    else if (def.type === 'array') node = def.element;
    else return [];
  }
  return [];
}

function unwrap(node: unknown): unknown {
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(node);
    if (!def) return node;
    if (def.innerType !== undefined) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else if (def.type === 'union' && def.options) node = def.options.find((o) => defOf(o)?.type === 'object') ?? node;
    else return node;
    if (def.type === 'union') return node;
  }
  return node;
}

function defOf(node: unknown): SchemaDef | undefined {
  return (node as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}
