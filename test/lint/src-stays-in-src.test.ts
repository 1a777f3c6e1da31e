import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(root, 'src');

/**
 * The relative imports of `text` (as written in `file`) that leave src/: `import`, `export … from`, `import type`
 * and `import()`, read by TypeScript's own pre-processor.
 */
function importsLeavingSrc(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.') && relative(SRC, resolve(dirname(file), name)).startsWith('..'));
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

// `npm run check` builds with `tsc --noCheck` (typecheck checks src in its own program), which does not report
// a file of src/ importing one outside it, as tsc's build does (TS6059: not under rootDir). dist/ would hold
// an import of a file that is not there; this keeps the check.
describe("src/ imports nothing outside src/ (the build's rootDir)", () => {
  it('no file of src/ imports a file outside it', async () => {
    const leaving: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      for (const name of importsLeavingSrc(file, await readFile(file, 'utf8'))) leaving.push(`${relative(root, file)}: ${name}`);
    }
    expect(leaving).toEqual([]);
  });

  it('finds an import, an export, a type import and an import() that leave src/, at any depth', () => {
    const text = [
      "import { ROOT } from '../../test/support/workspace.js';",
      "export { x } from '../../bench/x.js';",
      "import type { Y } from '../../lint/y.js';",
      "const z = await import('../../scripts/z.mjs');",
      "import { fine } from '../delivery/fine.js';",
      "import { alsoFine } from './here.js';",
      "import { parse } from 'yaml';",
    ].join('\n');
    expect(importsLeavingSrc(join(SRC, 'cli/fixture.ts'), text)).toEqual([
      '../../test/support/workspace.js',
      '../../bench/x.js',
      '../../lint/y.js',
      '../../scripts/z.mjs',
    ]);
    expect(importsLeavingSrc(join(SRC, 'fixture.ts'), "import { a } from '../package.json';\nimport { b } from './cli/b.js';")).toEqual(['../package.json']);
    expect(importsLeavingSrc(join(SRC, 'cli/commands/fixture.ts'), "import { c } from '../../../test/c.js';\nimport { d } from '../../errors.js';")).toEqual([
      '../../../test/c.js',
    ]);
  });
});
