// Bundles the CLI into dist/bin/ (after `tsc`): the entry in one file, then
// main.mjs with commander and the code every command needs in a few files
// instead of dozens of modules, and each command's code in chunks loaded only
// when that command runs. The other
// dependencies stay in node_modules (MJML and nodemailer load files by path).
// dist/bin/ is two folders below the root, like every tsc output file, so
// paths made from import.meta.url (templates/, the render child) still hold.
// Then the help table: what the real program prints for each command line
// that only asks for help, so that `snippet --help` need not load commander.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundled = new Set(['commander']);

// Chunk names change with their content: start from an empty folder, so that
// old chunks do not pile up beside the new ones.
rmSync(new URL('../dist/bin', import.meta.url), { recursive: true, force: true });

const shared = {
  outdir: 'dist/bin',
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: Object.keys(manifest.dependencies).filter((name) => !bundled.has(name)),
  sourcemap: true,
  logLevel: 'warning',
};

// The entry alone, in one CommonJS file: when the help table answers, nothing
// else loads, and Node never starts its ES module loader. dist/bin/package.json
// makes snippet.js CommonJS; the rest of dist/bin/ is .mjs.
await build({
  ...shared,
  entryPoints: { snippet: 'src/cli/bin.ts' },
  format: 'cjs',
  define: { 'import.meta.dirname': '__dirname' },
  plugins: [{ name: 'main-apart', setup: (esbuild) => esbuild.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './main.mjs', external: true })) }],
});
writeFileSync(new URL('../dist/bin/package.json', import.meta.url), `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  ...shared,
  entryPoints: { main: 'src/cli/main.ts' },
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  // commander is CommonJS and requires Node's modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// From tsc's output of the same program, built just before.
const { captureHelp } = await import('../dist/cli/capture-help.js');
const table = new URL('../dist/bin/help-table.json', import.meta.url);
const partial = new URL('../dist/bin/help-table.json.partial', import.meta.url);
writeFileSync(partial, JSON.stringify(await captureHelp(manifest.version)));
renameSync(partial, table);
