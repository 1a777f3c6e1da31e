// `npm run bench [-- NAME… ] [-- --quick]`: runs the benchmarks, prints one
// table and (for a full run of all of them) rewrites BENCHMARKS.md. Each
// figure is a ratio against a baseline measured in the same run, because
// absolute times drift on a shared machine and ratios hold.
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem, release, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, round } from './support.mjs';

const BENCHMARKS = {
  send: () => import('./send-throughput.mjs'),
  'per-recipient': () => import('./per-recipient.mjs'),
  memory: () => import('./memory.mjs'),
  startup: () => import('./startup.mjs'),
  preview: () => import('./preview-reload.mjs'),
  rate: () => import('./rate-fidelity.mjs'),
  site: () => import('./site-build.mjs'),
  mailbox: () => import('./mailbox.mjs'),
  desk: () => import('./desk.mjs'),
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);

const started = Date.now();
const results = [];
for (const name of selected) {
  const begun = Date.now();
  process.stderr.write(`${name}…`);
  try {
    const module = await BENCHMARKS[name]();
    results.push(normalise(await module.run({ quick })));
  } catch (error) {
    results.push({ name, rows: [{ name, skipped: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }], notes: [] });
  }
  process.stderr.write(` ${round((Date.now() - begun) / 1000)} s\n`);
}

const table = formatTable(results);
console.log(`\n${table}\n`);
for (const result of results) for (const note of result.notes ?? []) console.log(`- ${result.name}: ${note}`);

if (!quick && names.length === 0) {
  await writeFile(join(ROOT, 'BENCHMARKS.md'), benchmarksPage(results, table, Date.now() - started));
  console.log('\nBENCHMARKS.md updated.');
} else {
  console.log('\nBENCHMARKS.md is only rewritten by a full run of every benchmark (npm run bench).');
}

/** preview-reload.mjs predates the rows: one figure with its goal. */
function normalise(result) {
  if (result.rows) return result;
  return {
    name: 'preview',
    rows: [
      {
        name: `${result.name}, median of ${result.samples}`,
        measured: `${result.median} ${result.unit}`,
        baseline: `p90 ${result.p90} ${result.unit}`,
        ratio: '',
        goal: `≤ ${result.goal} ${result.unit}`,
        met: result.met,
      },
    ],
    notes: ["In Debian's Chromium: from just before the issue file is written to the page showing the new word (bench/preview-reload.mjs)."],
  };
}

function formatTable(results) {
  const header = ['benchmark', 'measured', 'baseline', 'ratio', 'goal', 'met?'];
  const lines = [header, header.map(() => '---')];
  for (const result of results) {
    for (const row of result.rows) {
      if (row.skipped) lines.push([row.name, '—', '—', '—', row.goal ?? '—', `skipped: ${row.skipped}`]);
      else
        lines.push([
          row.name,
          row.measured,
          row.baseline || '—',
          row.ratio === '' || row.ratio === undefined ? '—' : String(row.ratio),
          row.goal,
          row.met === undefined ? '—' : row.met ? 'yes' : '**no**',
        ]);
    }
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function benchmarksPage(results, table, elapsedMs) {
  const cpu = cpus();
  const osName = /PRETTY_NAME="([^"]+)"/u.exec(safeRead('/etc/os-release'))?.[1] ?? `${platform()} ${release()}`;
  const missed = results.flatMap((r) => r.rows.filter((row) => row.met === false).map((row) => row.name));
  const skipped = results.flatMap((r) => r.rows.filter((row) => row.skipped).map((row) => `${row.name}: ${row.skipped}`));
  return `# Benchmarks

Written by \`npm run bench\` (see "Benchmarks" in docs/development.md); edit the
analysis at the end by hand after a run, not the figures. Every figure is set
against a baseline measured in the same run: these machines are shared and
noisy, so absolute times drift between runs while the ratios hold.

- **Machine:** ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${round(totalmem() / 2 ** 30)} GB RAM; ${osName} (Linux ${release()}); Node ${process.version}
- **Date:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
- **Command:** \`npm run bench\` (${round(elapsedMs / 60_000)} minutes)

${table}

${missed.length > 0 ? `**Goals missed:** ${missed.join('; ')}. See "Where a goal is missed" below.` : 'Every goal was met.'}
${skipped.length > 0 ? `\n**Skipped:** ${skipped.join('; ')}\n` : ''}
## How each figure is measured

${results.flatMap((r) => (r.notes ?? []).map((note) => `- **${r.name}:** ${note}`)).join('\n')}

${safeRead(join(ROOT, 'bench/analysis.md')).trim()}

${safeRead(join(ROOT, 'bench/mutation-scores.md')).trim()}

${safeRead(join(ROOT, 'bench/this-round.md')).trim()}
`;
}

/**
 * bench/analysis.md, kept by hand, says what limits each missed goal; update it when the figures change its story.
 * bench/mutation-scores.md, also by hand, has the last Stryker scores (DEVELOPERS.md says how to run it) and the check's time.
 * bench/this-round.md, also by hand, has the round's measurements beyond the table (before and after a change, what was
 * tried). Anything written straight into BENCHMARKS.md is lost at the next full run: write it in one of these.
 */
function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
