import { readdirSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { nevers, parts } from '../../lint/module-map.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** A file of `part` at `depth` folders below its first folder, e.g. src/cli/commands/fixture.ts. */
function fileIn(part: string, depth = 0): string {
  const place = parts[part]![0]!;
  return `${place}${'deeper/'.repeat(depth)}fixture.ts`;
}

/** The relative specifier from `file` to a module in `part`'s folder. */
function specifier(file: string, part: string): string {
  const relative = posix.relative(posix.dirname(file), `${parts[part]![0]}thing.js`);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Lints `code` as `file` with the import rules eslint.config.js gives that file, and nothing else. */
async function importProblems(file: string, code: string): Promise<Linter.LintMessage[]> {
  const config = (await eslint.calculateConfigForFile(file)) as { rules: Linter.RulesRecord };
  const rules = Object.fromEntries(
    ['no-restricted-imports', 'no-restricted-syntax'].flatMap((name) => (config.rules[name] === undefined ? [] : [[name, config.rules[name]]])),
  );
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules }], { filename: file });
}

describe('the module map in lint (lint/module-map.js, eslint.config.js)', () => {
  it.each(nevers.map(([from, to, why]) => ({ from, to, why })))(
    '$from never imports $to: an import, a type, a re-export and import() fail',
    async ({ from, to, why }) => {
      for (const file of [fileIn(from), fileIn(from, 1)]) {
        const target = specifier(file, to);
        const forms = [
          `import { thing } from '${target}';\nthing();\n`,
          `import type { Thing } from '${target}';\nexport const x: Thing | undefined = undefined;\n`,
          `export { thing } from '${target}';\n`,
          `export async function load() {\n  return await import('${target}');\n}\n`,
        ];
        for (const code of forms) {
          const problems = await importProblems(file, code);
          expect(problems, `${file}: ${code}`).toHaveLength(1);
          expect(problems[0]!.message).toContain(why);
          expect(problems[0]!.ruleId).toBe(code.includes('import(') ? 'no-restricted-syntax' : 'no-restricted-imports');
        }
      }
    },
  );

  it('holds the files directly in src/ to the map too (errors.ts is on the ground floor, and never imports an issue)', async () => {
    const problems = await importProblems('src/errors.ts', `import type { Issue } from './issue/issue.js';\nexport type X = Issue;\n`);
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringContaining('the config is read first and knows no content')]);
  });

  it('lets the arrows the map draws through, and a part import itself', async () => {
    const allowed: Array<[string, string]> = [
      ['src/render/fixture.ts', `import { x } from '../issue/issue.js';\nimport { y } from './key-dates.js';\nexport const z = [x, y];\n`],
      ['src/delivery/fixture.ts', `import { x } from '../contacts/member.js';\nexport const z = x;\n`],
      ['src/smtp/fixture.ts', `import type { Mailer } from '../delivery/send-result.js';\nexport type Z = Mailer;\n`],
      ['src/cli/commands/fixture.ts', `export const load = () => import('../../actions/send-command.js');\n`],
      ['src/actions/fixture.ts', `import { x } from '../mail/message-builder.js';\nimport { y } from '../render/render-issue.js';\nexport const z = [x, y];\n`],
    ];
    for (const [file, code] of allowed) expect(await importProblems(file, code), file).toEqual([]);
  });

  it('has every folder and file directly under src/ on a part, so a new folder cannot slip past the map', () => {
    const placed = Object.values(parts).flat();
    const entries = readdirSync(resolve(root, 'src'), { withFileTypes: true }).map((entry) => `src/${entry.name}${entry.isDirectory() ? '/' : ''}`);
    expect(entries.filter((entry) => !placed.includes(entry))).toEqual([]);
  });
});
