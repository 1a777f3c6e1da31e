// Postfix's smtp-sink and smtp-source, taken from Debian's postfix package
// without installing (or starting) the mail server: `apt-get download` and
// `dpkg -x` into bench/.cache/postfix, run with LD_LIBRARY_PATH pointing at
// the package's private libraries.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import { promisify } from 'node:util';
import { ROOT, timedSpawn } from './support.mjs';

const run = promisify(execFile);
const CACHE = join(ROOT, 'bench/.cache/postfix');
const SINK = join(CACHE, 'root/usr/sbin/smtp-sink');
const SOURCE = join(CACHE, 'root/usr/sbin/smtp-source');
const LIBS = join(CACHE, 'root/usr/lib/postfix');

/**
 * Resolves with `{ sink, source, env }`, or `{ skip: reason }` when the tools
 * cannot be had here (no apt, no network, not Debian).
 */
export async function postfixTools() {
  if (!existsSync(SINK) || !existsSync(SOURCE)) {
    try {
      await fetchPostfix();
    } catch (error) {
      return { skip: `Postfix's smtp-sink/smtp-source are not available (${firstLine(error)}); they come from Debian's postfix package via apt-get download` };
    }
  }
  const env = { ...process.env, LD_LIBRARY_PATH: LIBS };
  // Both print their usage and exit 1 on an unknown option: proof they load.
  const probe = await timedSpawn(SOURCE, ['-?'], { env }).catch((error) => ({ stderr: String(error) }));
  if (!/usage/u.test(probe.stderr)) return { skip: `smtp-source from the postfix package does not run here: ${firstLine(probe.stderr)}` };
  return { sink: SINK, source: SOURCE, env };
}

async function fetchPostfix() {
  await rm(CACHE, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  try {
    await run('apt-get', ['download', 'postfix'], { cwd: CACHE });
  } catch {
    // The package lists may be missing (a fresh container): update once and retry.
    await run('apt-get', ['update'], { cwd: CACHE });
    await run('apt-get', ['download', 'postfix'], { cwd: CACHE });
  }
  const deb = (await readdir(CACHE)).find((name) => name.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download postfix left no .deb');
  await run('dpkg', ['-x', deb, 'root'], { cwd: CACHE });
  await rm(join(CACHE, deb));
}

/**
 * Starts smtp-sink on 127.0.0.1:port; resolves once it accepts connections.
 * It switches to `nobody` when started as root, which it insists on.
 */
export async function startSink(tools, port) {
  const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child = spawn(tools.sink, [...asRoot, '-m', '64', `127.0.0.1:${port}`, '256'], { env: tools.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 5_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`smtp-sink did not start: ${firstLine(stderr) || `exit ${child.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * smtp-source: `messages` messages of `bytes` payload over `sessions`
 * connections kept open (-d), like snippet's; resolves with the wall time in ms.
 */
export async function runSource(tools, { port, sessions, messages, bytes }) {
  const result = await timedSpawn(
    tools.source,
    ['-d', '-s', String(sessions), '-m', String(messages), '-l', String(bytes), '-f', 'bench@example.org', '-t', 'member@example.org', `127.0.0.1:${port}`],
    { env: tools.env },
  );
  if (result.code !== 0) throw new Error(`smtp-source exited ${result.code}: ${firstLine(result.stderr)}`);
  return result.ms;
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function firstLine(value) {
  const text = value instanceof Error ? value.stderr || value.message : String(value ?? '');
  return text.trim().split('\n').at(-1) ?? '';
}
