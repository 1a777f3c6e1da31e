// Memory: peak RSS of `snippet send` to 10,000 and to 100,000 generated
// members, into Postfix's smtp-sink (or, without it, an --outbox folder).
// Run after `npm run build`: node bench/memory.mjs [--quick]
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { postfixTools, startSink } from './postfix-tools.mjs';
import { benchWorkspace, CLI, expectSuccess, freePort, isMain, ISSUE, printRows, round, timedSpawn, UNSUBSCRIBE_SECRET } from './support.mjs';

const GOAL_MB = 150;
/** "Flat": the large send may use at most this much more than the small one. */
const FLAT_FACTOR = 1.15;
const GNU_TIME = '/usr/bin/time';

export async function run({ quick = false } = {}) {
  const [small, large] = quick ? [1_000, 10_000] : [10_000, 100_000];
  const tools = await postfixTools();
  const notes = [];
  let sink;
  let port;
  if (tools.skip) notes.push(`Sent to an --outbox folder: ${tools.skip}.`);
  else {
    port = await freePort();
    sink = await startSink(tools, port);
  }
  try {
    const peaks = {};
    for (const members of [small, large]) peaks[members] = await peakOfSend(members, port);
    const flat = peaks[large].mb / peaks[small].mb;
    const render = await peakOfCheck();
    notes.push(
      `Peak RSS (VmHWM) of the whole \`snippet send ${ISSUE} --yes\` process into ${sink ? 'smtp-sink on loopback' : 'an --outbox folder'}, 3 connections, no rate limit; ${peaks[small].how}. ` +
        `The sending process alone (its VmHWM, read every 50 ms) peaks at ${round(peaks[small].ownMb)} MB at ${small.toLocaleString('en-GB')} and ${round(peaks[large].ownMb)} MB at ${large.toLocaleString('en-GB')}; GNU time's figure is the largest of it and the children it waited for, the render child among them. ` +
        `Rendering alone (\`snippet check\`) peaks at ${round(render)} MB. ${small.toLocaleString('en-GB')} recipients took ${round(peaks[small].seconds)} s, ${large.toLocaleString('en-GB')} took ${round(peaks[large].seconds)} s. "Flat" means the large send peaks at most ${FLAT_FACTOR}× the small one.`,
    );
    return {
      name: 'memory',
      rows: [
        {
          name: `peak RSS, send to ${large.toLocaleString('en-GB')}`,
          measured: `${round(peaks[large].mb)} MB`,
          baseline: '',
          ratio: '',
          goal: `≤ ${GOAL_MB} MB`,
          met: peaks[large].mb <= GOAL_MB,
        },
        {
          name: `peak RSS, ${large.toLocaleString('en-GB')} vs ${small.toLocaleString('en-GB')}`,
          measured: `${round(peaks[large].mb)} MB`,
          baseline: `${round(peaks[small].mb)} MB at ${small.toLocaleString('en-GB')}`,
          ratio: round(flat),
          goal: `≤ ${FLAT_FACTOR} (flat)`,
          met: flat <= FLAT_FACTOR,
        },
      ],
      notes,
    };
  } finally {
    await sink?.stop();
  }
}

/** Peak RSS in MB of `snippet check` on the sample issue: what reading and rendering alone take. */
async function peakOfCheck() {
  if (!existsSync(GNU_TIME)) return Number.NaN;
  const ws = await benchWorkspace({ members: 41 });
  try {
    const report = join(ws.dir, 'time.txt');
    expectSuccess(
      await timedSpawn(GNU_TIME, ['-f', '%M', '-o', report, process.execPath, CLI, 'check'], {
        cwd: ws.dir,
        env: { PATH: process.env.PATH ?? '', HOME: ws.dir, TZ: 'UTC' },
      }),
      'snippet check',
    );
    return Number((await readFile(report, 'utf8')).trim().split('\n').at(-1)) / 1024;
  } finally {
    await ws.remove();
  }
}

/** Sends to `members` generated members; resolves with the process's peak RSS in MB. */
async function peakOfSend(members, port) {
  const ws = await benchWorkspace({ members, sending: 'rate: []\n  connections: 3' });
  const outbox = port === undefined ? await mkdtemp(join(tmpdir(), 'snippet-outbox-')) : undefined;
  const report = join(ws.dir, 'time.txt');
  try {
    const args = [CLI, 'send', ISSUE, '--yes', '--early', ...(outbox ? ['--outbox', outbox] : [])];
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: ws.dir,
      TZ: 'UTC',
      SNIPPET_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET,
      ...(port ? { SNIPPET_SMTP_URL: `smtp://127.0.0.1:${port}` } : {}),
    };
    if (existsSync(GNU_TIME)) {
      // GNU time reports the largest resident set of the process and the
      // children it waited for (the render child among them), in KB; the
      // sending process's own is read from /proc as it runs.
      let ownKb = 0;
      let timer;
      const result = await timedSpawn(GNU_TIME, ['-f', '%M', '-o', report, process.execPath, ...args], {
        cwd: ws.dir,
        env,
        onSpawn: (child) => {
          timer = setInterval(async () => {
            const node = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').catch(() => '')).trim().split(' ')[0];
            if (node) ownKb = Math.max(ownKb, await highWaterMark(node));
          }, 50);
        },
      });
      clearInterval(timer);
      expectSuccess(result, 'snippet send');
      const kb = Number((await readFile(report, 'utf8')).trim().split('\n').at(-1));
      return { mb: kb / 1024, ownMb: ownKb / 1024, seconds: result.ms / 1000, how: 'measured by GNU time (%M)' };
    }
    // Without GNU time: the kernel's high-water mark, read until the process ends.
    let peakKb = 0;
    let timer;
    const result = await timedSpawn(process.execPath, args, {
      cwd: ws.dir,
      env,
      onSpawn: (child) => {
        timer = setInterval(async () => {
          peakKb = Math.max(peakKb, await highWaterMark(child.pid));
        }, 50);
      },
    });
    clearInterval(timer);
    expectSuccess(result, 'snippet send');
    return { mb: peakKb / 1024, ownMb: peakKb / 1024, seconds: result.ms / 1000, how: 'read from /proc/PID/status every 50 ms' };
  } finally {
    await ws.remove();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  }
}

/** A process's peak resident set so far (VmHWM) in KB; 0 once it has gone. */
async function highWaterMark(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0);
}

if (isMain(import.meta)) printRows(await run({ quick: process.argv.includes('--quick') }));
