// Bundles the CLI into dist/bin/ (after `tsc`): the entry, commander and the
// code `--help` needs in a few files instead of dozens of modules, and each
// command's code in chunks loaded only when that command runs. The other
// dependencies stay in node_modules (MJML and nodemailer load files by path).
// dist/bin/ is two folders below the root, like every tsc output file, so
// paths made from import.meta.url (templates/, the render child) still hold.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundled = new Set(['commander']);

await build({
  entryPoints: { snippet: 'src/cli/bin.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(manifest.dependencies).filter((name) => !bundled.has(name)),
  // commander is CommonJS and requires Node's modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
