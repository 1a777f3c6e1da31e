// Shared by the benchmarks: a generated workspace, the built CLI, timing and statistics.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist/bin/snippet.js');
export const ISSUE = '2026-12';
/** Signs the unsubscribe links of generated sends; any value will do. */
export const UNSUBSCRIBE_SECRET = 'benchmark-secret-not-for-real-use';

/**
 * A temporary copy of the sample workspace with `members` generated members,
 * December's issue approved and `sending` as the config's sending block (no
 * rate limits unless given). The same as the tests' sendWorkspace().
 */
export async function benchWorkspace({ members, sending = 'rate: []\n  connections: 3' }) {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-bench-'));
  for (const part of ['snippet.config.yaml', 'contacts', 'issues', 'templates']) await cp(join(ROOT, part), join(dir, part), { recursive: true });
  const rows = Array.from({ length: members }, (_, i) => `member${String(i + 1).padStart(6, '0')}@example.org,Member ${i + 1},aberlour,members`);
  await writeFile(join(dir, 'contacts/members.csv'), `email,name,organisation,lists\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'contacts/suppressions.csv'), 'email,date,reason\n');
  const config = await readFile(join(dir, 'snippet.config.yaml'), 'utf8');
  await writeFile(join(dir, 'snippet.config.yaml'), config.replace(/^sending:[\s\S]*?(?=^\S|$(?![\s\S]))/mu, `sending:\n  ${sending}\n`));
  const issue = await readFile(join(dir, `issues/${ISSUE}.md`), 'utf8');
  await writeFile(join(dir, `issues/${ISSUE}.md`), issue.replace(/^status: .*$/mu, 'status: approved'));
  return {
    dir,
    /** Forgets every earlier send, so the next one starts with a fresh ledger. */
    resetState: () => rm(join(dir, '.snippet'), { recursive: true, force: true }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs the built CLI and resolves with its exit code, output and wall time
 * in ms. `onSpawn` gets the child process (e.g. to watch its memory).
 */
export function runCli(args, { cwd, env = {}, onSpawn } = {}) {
  return timedSpawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd ?? tmpdir(), TZ: 'UTC', ...env }, onSpawn });
}

export function timedSpawn(command, args, { cwd, env = process.env, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    onSpawn?.(child);
  });
}

/** Throws with the command's output when it did not exit 0. */
export function expectSuccess(result, what) {
  // Its first line is what the bench's table shows: the command's own first words go on it.
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}: ${(result.stderr || result.stdout).trim()}`);
  return result;
}

export function median(values) {
  return percentile(values, 0.5);
}

export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = (sorted.length - 1) * fraction;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Rounds for display: 3 significant digits, at most 2 decimals. */
export function round(value) {
  if (!Number.isFinite(value)) return value;
  const digits = Math.max(0, Math.min(2, 2 - Math.floor(Math.log10(Math.abs(value) || 1))));
  return Number(value.toFixed(digits));
}

/** True when this module is the script node was started with. */
export function isMain(meta) {
  return process.argv[1] !== undefined && fileURLToPath(meta.url) === process.argv[1];
}

/** Prints a benchmark's rows when it is run on its own. */
export function printRows(result) {
  for (const row of result.rows) {
    if (row.skipped) console.log(`${row.name}: skipped (${row.skipped})`);
    else
      console.log(
        `${row.name}: ${row.measured}${row.baseline ? ` vs ${row.baseline}` : ''}${row.ratio !== undefined ? ` = ${row.ratio}` : ''} (goal ${row.goal}${row.met === undefined ? '' : `: ${row.met ? 'met' : 'NOT met'}`})`,
      );
  }
  for (const note of result.notes ?? []) console.log(`  ${note}`);
}
