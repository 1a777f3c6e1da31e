import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import { firstSentence, yamlSyntaxProblems } from './yaml-syntax-problems.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface LocatedYaml {
  /** Plain JavaScript value of the document; `undefined` when it did not parse. */
  value: unknown;
  /** The 1-based line of the key (or list item) at `path`, or of its nearest ancestor. */
  lineOf: (path: YamlPath) => number | undefined;
  problems: Problem[];
}

/**
 * Parses YAML keeping positions, so that a later schema problem at
 * `research[2].url` can name its line. Dates stay strings (YAML 1.2 core
 * schema) and duplicate keys are errors, as a coordinator would expect.
 *
 * `firstLine` is the file line of the YAML's first line (2 for front matter
 * that follows a `---` line).
 */
export function parseLocatedYaml(text: string, file: string, firstLine = 1): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const toFileLine = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;

  const problems: Problem[] = yamlSyntaxProblems(text, doc.errors, file, firstLine, (offset) => lineCounter.linePos(offset).line - 1);
  for (const warning of doc.warnings) {
    problems.push({ severity: 'warning', file, line: toFileLine(warning.pos[0]), message: `YAML: ${firstSentence(warning.message)}` });
  }

  const lineOf = (path: YamlPath): number | undefined => {
    let node: unknown = doc.contents;
    let line = nodeLine(node, toFileLine);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => scalarValue(item.key) === segment);
        if (!pair) return line;
        line = nodeLine(pair.key, toFileLine) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) return line;
        line = nodeLine(item, toFileLine) ?? line;
        node = item;
      } else {
        return line;
      }
    }
    return line;
  };

  if (problems.some((p) => p.severity === 'error')) return { value: undefined, lineOf, problems };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), lineOf, problems };
  } catch (error) {
    // Aliases that expand without bound ("billion laughs") are refused by the yaml package.
    const alias = /\*[\w-]+/u.exec(text);
    problems.push({
      severity: 'error',
      file,
      ...(alias ? { line: toFileLine(alias.index) } : {}),
      message: `YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      hint: 'Write the values out instead of repeating them through aliases (*name).',
    });
    return { value: undefined, lineOf, problems };
  }
}

function nodeLine(node: unknown, toFileLine: (offset: number) => number): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? toFileLine(range[0]) : undefined;
}

function scalarValue(key: unknown): unknown {
  return key !== null && typeof key === 'object' && 'value' in key ? key.value : key;
}
